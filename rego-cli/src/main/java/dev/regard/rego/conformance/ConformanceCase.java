package dev.regard.rego.conformance;

import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * One test case in OPA's conformance format.
 *
 * @param id unique name, {@code category/file.yaml#note}
 * @param category the folder holding the file, relative to the suite's root
 * @param note the case's own name
 * @param modules Rego sources, compiled as {@code test-0.rego}, {@code test-1.rego}, ...
 * @param data the base document, or null
 * @param input the input document as JSON/YAML, or null
 * @param inputTerm the input as Rego term text (may contain sets), or null
 * @param query the query to run
 * @param wantResult expected binding sets, or null when the case expects an error
 * @param wantError a substring expected in the error text, or null
 * @param wantErrorCode the expected error code, or null
 * @param sortBindings sort each array binding before comparing
 * @param strictError evaluate with strict builtin errors
 * @param skipReason why the case is not run, or null
 */
public record ConformanceCase(
    String id,
    String category,
    String note,
    List<String> modules,
    ObjectValue data,
    Value input,
    String inputTerm,
    String query,
    List<Map<String, Value>> wantResult,
    String wantError,
    String wantErrorCode,
    boolean sortBindings,
    boolean strictError,
    String skipReason) {

  public ConformanceCase {
    modules = List.copyOf(modules);
    wantResult = wantResult == null ? null : wantResult.stream().map(Map::copyOf).toList();
  }
}
