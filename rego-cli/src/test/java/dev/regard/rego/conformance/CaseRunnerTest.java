package dev.regard.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.EvalLimits;
import dev.regard.rego.conformance.CaseResult.Outcome;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's comparison rules, checked against the real engine on tiny policies. */
class CaseRunnerTest {
  private static final String SET_POLICY = "package t\n\ns contains x if some x in [3, 1, 2]\n";
  private static final CaseRunner RUNNER = new CaseRunner(EvalLimits.DEFAULT);

  private static ConformanceCase resultCase(
      String module, String query, List<Map<String, Value>> want, boolean sort) {
    return new ConformanceCase(
        "c/f.yaml#n",
        "c",
        "n",
        List.of(module),
        null,
        null,
        null,
        query,
        want,
        null,
        null,
        sort,
        false,
        null);
  }

  private static ConformanceCase errorCase(
      String module, String query, String wantError, String wantCode, boolean strict) {
    return new ConformanceCase(
        "c/f.yaml#e",
        "c",
        "e",
        List.of(module),
        null,
        null,
        null,
        query,
        null,
        wantError,
        wantCode,
        false,
        strict,
        null);
  }

  private static Map<String, Value> binding(String name, String json) {
    return Map.of(name, Json.parse(json));
  }

  @Test
  void setsCompareAsSortedArrays() {
    ConformanceCase c =
        resultCase(SET_POLICY, "data.t.s = x", List.of(binding("x", "[1, 2, 3]")), false);
    assertThat(RUNNER.run(c).outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void solutionsCompareAsASetWhateverTheirOrder() {
    String module = "package t\n";
    ConformanceCase c =
        resultCase(module, "x := [1, 2][_]", List.of(binding("x", "2"), binding("x", "1")), false);
    assertThat(RUNNER.run(c).outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void sortBindingsSortsArrayValues() {
    String module = "package t\n\na := [3, 1, 2]\n";
    ConformanceCase unsorted =
        resultCase(module, "data.t.a = x", List.of(binding("x", "[1, 2, 3]")), false);
    ConformanceCase sorted =
        resultCase(module, "data.t.a = x", List.of(binding("x", "[1, 2, 3]")), true);
    assertThat(RUNNER.run(unsorted).outcome()).isEqualTo(Outcome.FAIL);
    assertThat(RUNNER.run(sorted).outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void wrongResultFailsWithBothSidesShown() {
    ConformanceCase c =
        resultCase("package t\n\np := 1\n", "data.t.p = x", List.of(binding("x", "2")), false);
    CaseResult r = RUNNER.run(c);
    assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(r.detail()).isEqualTo("expected [{\"x\":2}] but got [{\"x\":1}]");
  }

  @Test
  void errorCodeAndTextMustMatch() {
    String module = "package t\n\np := v if some v in [1, 2]\n";
    assertThat(
            RUNNER
                .run(errorCase(module, "data.t.p = x", null, "eval_conflict_error", false))
                .outcome())
        .isEqualTo(Outcome.PASS);
    assertThat(
            RUNNER.run(errorCase(module, "data.t.p = x", "test-0.rego:3:", null, false)).outcome())
        .isEqualTo(Outcome.PASS);
    CaseResult wrongCode =
        RUNNER.run(errorCase(module, "data.t.p = x", null, "eval_type_error", false));
    assertThat(wrongCode.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(wrongCode.detail())
        .startsWith("expected error code eval_type_error but got eval_conflict_error");
  }

  @Test
  void expectedErrorThatDoesNotHappenFails() {
    CaseResult r =
        RUNNER.run(errorCase("package t\n\np := 1\n", "data.t.p = x", "boom", null, false));
    assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(r.detail()).startsWith("expected an error but got");
  }

  @Test
  void strictErrorTurnsBuiltinErrorsIntoErrors() {
    String module = "package t\n\np := x if x := 1 / 0\n";
    assertThat(RUNNER.run(resultCase(module, "data.t.p = x", List.of(), false)).outcome())
        .isEqualTo(Outcome.PASS);
    assertThat(
            RUNNER
                .run(
                    errorCase(module, "data.t.p = x", "divide by zero", "eval_builtin_error", true))
                .outcome())
        .isEqualTo(Outcome.PASS);
  }

  @Test
  void inputTermMayHoldSetsAndDataIsMounted() {
    ConformanceCase c =
        new ConformanceCase(
            "c/f.yaml#i",
            "c",
            "i",
            List.of("package t\n\np := count(input.s) + data.n\n"),
            (ObjectValue) Json.parse("{\"n\": 10}"),
            null,
            "{\"s\": {1, 2, 2}}",
            "data.t.p = x",
            List.of(binding("x", "12")),
            null,
            null,
            false,
            false,
            null);
    assertThat(RUNNER.run(c).outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void skippedAndIncompleteCases() {
    ConformanceCase skipped =
        new ConformanceCase(
            "c/f.yaml#s",
            "c",
            "s",
            List.of(),
            null,
            null,
            null,
            "true",
            List.of(),
            null,
            null,
            false,
            false,
            "why");
    assertThat(RUNNER.run(skipped))
        .isEqualTo(new CaseResult("c/f.yaml#s", "c", Outcome.SKIP, "why"));
    ConformanceCase noExpectation = resultCase("package t\n", "true", null, false);
    assertThat(RUNNER.run(noExpectation).outcome()).isEqualTo(Outcome.FAIL);
  }
}
