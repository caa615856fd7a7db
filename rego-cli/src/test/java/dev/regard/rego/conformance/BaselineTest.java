package dev.regard.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.conformance.CaseResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
  private static final ConformanceReport REPORT =
      new ConformanceReport(
          List.of(
              new CaseResult("a/x.yaml#1", "a", Outcome.PASS, ""),
              new CaseResult("a/x.yaml#2", "a", Outcome.FAIL, "expected [1]\n but got []"),
              new CaseResult("b/y.yaml#1", "b", Outcome.SKIP, "unsupported field 'env'"),
              new CaseResult("b/y.yaml#2", "b", Outcome.PASS, "")));

  @Test
  void listedCasesThatFailOrVanishAreRegressions() {
    Baseline baseline =
        Baseline.parse("# comment\na/x.yaml#1\n\na/x.yaml#2\nb/y.yaml#1\ngone/z.yaml#n\n");
    assertThat(baseline.regressions(REPORT))
        .containsExactly(
            "a/x.yaml#2 => FAIL: expected [1] but got []",
            "b/y.yaml#1 => SKIP: unsupported field 'env'",
            "gone/z.yaml#n => not found in the suite");
  }

  @Test
  void passingCasesNotListedAreReportedAsNewlyPassing() {
    Baseline baseline = Baseline.parse("a/x.yaml#1\n");
    assertThat(baseline.regressions(REPORT)).isEmpty();
    assertThat(baseline.newlyPassing(REPORT)).containsExactly("b/y.yaml#2");
  }

  @Test
  void reportCountsAndLists() {
    assertThat(REPORT.totals()).isEqualTo(new ConformanceReport.Tally(4, 2, 1, 1));
    assertThat(REPORT.byCategory())
        .containsEntry("a", new ConformanceReport.Tally(2, 1, 1, 0))
        .containsEntry("b", new ConformanceReport.Tally(2, 1, 0, 1));
    assertThat(REPORT.passList()).isEqualTo("a/x.yaml#1\nb/y.yaml#2\n");
    assertThat(REPORT.failureList()).isEqualTo("a/x.yaml#2 => expected [1] but got []\n");
    assertThat(REPORT.summary())
        .startsWith("OPA conformance: 4 cases, 2 passed, 1 failed, 1 skipped")
        .contains("a             2      1      1      0");
  }

  @Test
  void aPassListRoundTripsThroughTheBaseline() {
    Baseline baseline = Baseline.parse(REPORT.passList());
    assertThat(baseline.regressions(REPORT)).isEmpty();
    assertThat(baseline.newlyPassing(REPORT)).isEmpty();
  }
}
