package dev.regard.triage.realdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand labels for a real scan, by the component a result's class ships in, and how far
 * scan-triage's verdicts agree with them. The label rule (docs/benchmarks.md): a result takes the
 * label of its component, and a component's label is what the model says of it, quoted.
 */
record HandLabels(String project, List<HandLabels.Label> labels) {

  /** Package prefix of the classes a component ships, its label, and the model's words. */
  record Label(String packagePrefix, String module, boolean suppressed, String because) {}

  /** Results, agreeing verdicts, and results labelled out of model and suppressed by the tool. */
  record Agreement(
      int total, int agree, int outOfModel, int outOfModelSuppressed, Map<String, int[]> byModule) {
    double agreementPercent() {
      return 100.0 * agree / total;
    }

    double recallPercent() {
      return 100.0 * outOfModelSuppressed / outOfModel;
    }

    @Override
    public String toString() {
      return String.format(
          "%d results, agreement %.1f%% (%d/%d), out-of-model recall %.1f%% (%d/%d), by module %s",
          total,
          agreementPercent(),
          agree,
          total,
          recallPercent(),
          outOfModelSuppressed,
          outOfModel,
          byModule.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0])
              .toList());
    }
  }

  /**
   * Compares every verdict of the report with its label, asserting on the way that no result
   * labelled in scope is suppressed, and prints the figures.
   */
  Agreement measure(ScanReport scan) {
    Map<String, int[]> byModule = new LinkedHashMap<>(); // labelled, agreeing
    int total = 0;
    int agree = 0;
    int outOfModel = 0;
    int outOfModelSuppressed = 0;
    for (JsonNode finding : scan.report().get("findings")) {
      Label label = labelOf(finding);
      boolean suppressed = !finding.get("verdict").asText().equals("in-scope");
      total++;
      int[] counts = byModule.computeIfAbsent(label.module(), m -> new int[2]);
      counts[0]++;
      if (suppressed == label.suppressed()) {
        agree++;
        counts[1]++;
      }
      if (label.suppressed()) {
        outOfModel++;
        outOfModelSuppressed += suppressed ? 1 : 0;
      } else {
        assertThat(suppressed)
            .as("in scope per \"%s\" but suppressed: %s", label.because(), finding)
            .isFalse();
      }
    }
    Agreement agreement = new Agreement(total, agree, outOfModel, outOfModelSuppressed, byModule);
    System.out.printf("%s real scan: %s%n", project, agreement);
    return agreement;
  }

  private Label labelOf(JsonNode finding) {
    String dotted = finding.get("path").asText().replace('/', '.');
    for (Label label : labels) {
      if (dotted.contains(label.packagePrefix())) {
        return label;
      }
    }
    throw new AssertionError("no label for " + finding.get("path").asText());
  }
}
