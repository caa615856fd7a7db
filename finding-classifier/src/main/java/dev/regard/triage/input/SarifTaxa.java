package dev.regard.triage.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regard.triage.finding.Cwe;
import java.util.ArrayList;
import java.util.List;

/** Reads CWEs out of SARIF reporting-descriptor references into a CWE taxonomy. */
final class SarifTaxa {
  private SarifTaxa() {}

  /**
   * The CWEs among references such as {@code {"id": "79", "toolComponent": {"name": "CWE"}}}; a
   * component given by index is looked up in the run's taxonomies.
   */
  static List<String> cwes(Iterable<JsonNode> references, List<String> taxonomyNames) {
    List<String> out = new ArrayList<>();
    for (JsonNode ref : references) {
      String id = JsonInput.text(ref, "id");
      if (id == null) {
        continue;
      }
      JsonNode component = ref.path("toolComponent");
      String name = JsonInput.text(component, "name");
      if (name == null && component.path("index").canConvertToInt()) {
        int index = component.get("index").asInt();
        name = index >= 0 && index < taxonomyNames.size() ? taxonomyNames.get(index) : null;
      }
      if ("CWE".equalsIgnoreCase(name)) {
        Cwe.fromTaxonId(id).ifPresent(out::add);
      } else {
        Cwe.fromTag(id).ifPresent(out::add);
      }
    }
    return out;
  }
}
