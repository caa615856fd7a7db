package dev.regard.rego.conformance;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.QueryResult;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one conformance case the way OPA's own runner does: modules are compiled as {@code
 * test-0.rego}, {@code test-1.rego}, ...; the query's solutions are compared with {@code
 * want_result} as a set of binding maps, each value first turned into JSON (sets become sorted
 * arrays) and, with {@code sort_bindings}, each array binding sorted; {@code want_error_code} must
 * equal the first error's code and {@code want_error} must occur in the error text.
 */
public final class CaseRunner {
  private final EvalLimits limits;

  /** A runner giving every case the same per-query deadline and step budget. */
  public CaseRunner(EvalLimits limits) {
    this.limits = limits;
  }

  /** Runs the case; engine failures of any kind become a failed result, never an exception. */
  public CaseResult run(ConformanceCase c) {
    if (c.skipReason() != null) {
      return CaseResult.skip(c, c.skipReason());
    }
    if (c.wantResult() == null && c.wantError() == null && c.wantErrorCode() == null) {
      return CaseResult.fail(c, "case has none of want_result, want_error, want_error_code");
    }
    QueryResult result;
    try {
      result = evaluate(c);
    } catch (RegoException e) {
      return checkError(c, e);
    } catch (RuntimeException | StackOverflowError e) {
      return CaseResult.fail(c, "engine crashed: " + e);
    }
    if (c.wantError() != null || c.wantErrorCode() != null) {
      return CaseResult.fail(c, "expected an error but got " + describe(result));
    }
    return checkResult(c, result);
  }

  private QueryResult evaluate(ConformanceCase c) {
    Rego.Builder builder = Rego.builder().strictBuiltinErrors(c.strictError()).limits(limits);
    for (int i = 0; i < c.modules().size(); i++) {
      builder.module("test-" + i + ".rego", c.modules().get(i));
    }
    if (c.data() != null) {
      builder.data(c.data());
    }
    CompiledPolicy policy = builder.compile();
    Value input = c.inputTerm() != null ? Rego.parseValue(c.inputTerm()) : c.input();
    return policy.query(c.query(), input);
  }

  private static CaseResult checkError(ConformanceCase c, RegoException e) {
    String text = errorText(e);
    if (c.wantError() == null && c.wantErrorCode() == null) {
      return CaseResult.fail(c, "unexpected error: " + text);
    }
    if (c.wantErrorCode() != null) {
      String code = e.errors().isEmpty() ? "(none)" : e.errors().get(0).code();
      if (!c.wantErrorCode().equals(code)) {
        return CaseResult.fail(
            c, "expected error code " + c.wantErrorCode() + " but got " + code + ": " + text);
      }
    }
    if (c.wantError() != null && !text.contains(c.wantError())) {
      return CaseResult.fail(c, "expected error text '" + c.wantError() + "' but got: " + text);
    }
    return CaseResult.pass(c);
  }

  /** The error text as OPA prints it: one {@code file:line: code: message} per error. */
  static String errorText(RegoException e) {
    if (e.errors().isEmpty()) {
      return String.valueOf(e.getMessage());
    }
    return e.errors().stream().map(RegoError::toString).collect(Collectors.joining("\n"));
  }

  private static CaseResult checkResult(ConformanceCase c, QueryResult result) {
    List<Value> want = new ArrayList<>();
    for (Map<String, Value> binding : c.wantResult()) {
      want.add(asObject(binding, false));
    }
    List<Value> got = new ArrayList<>();
    for (Map<String, Value> binding : result.bindings()) {
      got.add(asObject(binding, c.sortBindings()));
    }
    SetValue wantSet = SetValue.of(want);
    SetValue gotSet = SetValue.of(got);
    if (wantSet.equals(gotSet)) {
      return CaseResult.pass(c);
    }
    return CaseResult.fail(c, "expected " + Json.write(wantSet) + " but got " + Json.write(gotSet));
  }

  /** One binding map as a JSON-shaped object, the way OPA's runner normalises results. */
  private static ObjectValue asObject(Map<String, Value> binding, boolean sortArrays) {
    ObjectValue.Builder b = ObjectValue.builder();
    binding.forEach(
        (name, value) -> {
          Value json = Json.parse(Json.write(value), "result");
          if (sortArrays && json instanceof ArrayValue array) {
            List<Value> sorted = new ArrayList<>(array.elements());
            sorted.sort(null);
            json = ArrayValue.of(sorted);
          }
          b.put(name, json);
        });
    return b.build();
  }

  private static String describe(QueryResult result) {
    List<Value> got = new ArrayList<>();
    for (Map<String, Value> binding : result.bindings()) {
      got.add(asObject(binding, false));
    }
    return Json.write(ArrayValue.of(got));
  }
}
