package dev.regard.triage.realdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regard.triage.cli.ScanTriage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SpotBugs SARIF log and the JSON report scan-triage made of it, with the checks both tests
 * share.
 */
record ScanReport(JsonNode input, JsonNode report, int exitCode) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs {@code scan-triage classify --repo REPO --format json [OPTIONS] SARIF}. */
  static ScanReport triage(Path sarif, Path repo, String... options) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("classify", "--repo", repo.toString(), "--format", "json"));
    args.addAll(List.of(options));
    args.add(sarif.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = ScanTriage.run(args.toArray(String[]::new), out, System.err);
    return new ScanReport(JSON.readTree(sarif.toFile()), JSON.readTree(out.toByteArray()), code);
  }

  /** Every result has exactly one verdict and the summary adds up, counted independently. */
  void assertCompleteAndConsistent() {
    JsonNode results = input.at("/runs/0/results");
    assertThat(input.at("/runs/0/tool/driver/name").asText()).isEqualTo("SpotBugs");
    assertThat(report.get("findings")).hasSize(results.size());
    Map<String, Integer> counted = new HashMap<>();
    for (JsonNode finding : report.get("findings")) {
      assertThat(finding.get("verdict").asText())
          .isIn("in-scope", "out-of-model", "known-non-finding");
      assertThat(finding.get("disposition").asText()).isNotBlank();
      counted.merge(finding.get("verdict").asText(), 1, Integer::sum);
    }
    JsonNode summary = report.get("summary");
    int total = summary.get("total").asInt();
    assertThat(total).isEqualTo(results.size());
    assertThat(sum(summary.get("byVerdict"))).isEqualTo(total);
    assertThat(sum(summary.get("byDisposition"))).isEqualTo(total);
    assertThat(sum(summary.get("byRule")) + summary.at("/byVerdict/in-scope").asInt())
        .isEqualTo(total);
    counted.forEach((v, n) -> assertThat(summary.at("/byVerdict/" + v).asInt()).isEqualTo(n));
    assertThat(exitCode)
        .isEqualTo(
            summary.at("/byVerdict/in-scope").asInt() > 0 ? ScanTriage.FINDINGS : ScanTriage.OK);
  }

  /** The first finding of a scanner rule in a file whose path ends so. */
  JsonNode find(String ruleId, String pathSuffix) {
    for (JsonNode f : report.get("findings")) {
      if (ruleId.equals(f.get("ruleId").asText()) && f.get("path").asText().endsWith(pathSuffix)) {
        return f;
      }
    }
    throw new AssertionError("the scan has no " + ruleId + " in " + pathSuffix);
  }

  private static int sum(JsonNode counts) {
    int n = 0;
    for (JsonNode c : counts) {
      n += c.asInt();
    }
    return n;
  }
}
