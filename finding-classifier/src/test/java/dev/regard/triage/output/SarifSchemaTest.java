package dev.regard.triage.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.triage.Fixtures;
import dev.regard.triage.JsonSchemas;
import dev.regard.triage.cli.ScanTriage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SARIF written by classify, with suppressions kept or excluded results dropped, checked against
 * OASIS's SARIF 2.1.0 schema: it has no violation its input did not already have.
 */
class SarifSchemaTest {
  static final String MODEL = "src/test/resources/kafka-model";
  static final List<String> INPUTS = List.of("codeql.sarif", "semgrep.sarif", "trivy.sarif");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void keptSuppressionsAddNoViolation() throws Exception {
    for (String name : INPUTS) {
      Path out = dir.resolve("kept-" + name);
      classify("--format", "sarif", "-o", out.toString(), Fixtures.example(name).toString());
      JsonNode sarif = JSON.readTree(out.toFile());
      assertThat(sarif.toString()).as(name).contains("\"suppressions\"");
      assertThat(JsonSchemas.violations(JsonSchemas.SARIF, sarif))
          .as(name)
          .isEqualTo(
              JsonSchemas.violations(
                  JsonSchemas.SARIF, JSON.readTree(Fixtures.example(name).toFile())));
    }
  }

  @Test
  void droppedResultsLeaveValidSarifAndAReportOfWhy() throws Exception {
    Path out = dir.resolve("dropped.sarif");
    List<String> args =
        new ArrayList<>(List.of("--format", "sarif", "--suppressed", "drop", "-o", out.toString()));
    INPUTS.forEach(n -> args.add(Fixtures.example(n).toString()));
    classify(args.toArray(String[]::new));
    JsonNode sarif = JSON.readTree(out.toFile());
    JsonNode report = JSON.readTree(dir.resolve("dropped.sarif.dropped.json").toFile());

    List<String> before = new ArrayList<>();
    for (String n : INPUTS) {
      before.addAll(
          withoutIndices(
              JsonSchemas.violations(
                  JsonSchemas.SARIF, JSON.readTree(Fixtures.example(n).toFile()))));
    }
    assertThat(before)
        .containsAll(withoutIndices(JsonSchemas.violations(JsonSchemas.SARIF, sarif)));

    int total = 0;
    int kept = 0;
    for (String n : INPUTS) {
      total += Fixtures.read(Fixtures.example(n)).size();
    }
    for (JsonNode run : sarif.get("runs")) {
      kept += run.get("results").size();
      for (JsonNode result : run.get("results")) {
        assertThat(result.has("suppressions")).isFalse();
      }
    }
    assertThat(report.get("findings")).hasSize(total - kept).isNotEmpty();
    for (JsonNode dropped : report.get("findings")) {
      assertThat(dropped.get("verdict").asText()).isIn("out-of-model", "known-non-finding");
      assertThat(dropped.get("rationale").asText()).isNotBlank();
      assertThat(dropped.at("/section/file").asText()).isEqualTo("THREAT_MODEL.md");
    }
    assertThat(report.at("/summary/total").asInt()).isEqualTo(total - kept);
  }

  @Test
  void theSchemaCheckCanFail() throws Exception {
    ObjectNode sarif = (ObjectNode) JSON.readTree(Fixtures.example("trivy.sarif").toFile());
    ((ObjectNode) sarif.at("/runs/0/results/0"))
        .putArray("suppressions")
        .addObject()
        .put("kind", "ignored");
    assertThat(JsonSchemas.violations(JsonSchemas.SARIF, sarif)).isNotEmpty();
  }

  @Test
  void dropNeedsSarifAndSomewhereForTheReport() {
    String trivy = Fixtures.example("trivy.sarif").toString();
    assertThat(classify("--suppressed", "drop", trivy)).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(classify("--format", "sarif", "--suppressed", "drop", trivy))
        .isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(classify("--format", "sarif", "--suppressed", "hide", trivy))
        .isEqualTo(ScanTriage.INPUT_ERROR);
  }

  private static List<String> withoutIndices(List<String> violations) {
    return violations.stream().map(v -> v.replaceAll("\\[\\d+\\]|/\\d+", "[n]")).toList();
  }

  private static int classify(String... rest) {
    List<String> args = new ArrayList<>(List.of("classify", "--repo", MODEL));
    args.addAll(List.of(rest));
    return ScanTriage.run(
        args.toArray(String[]::new), new ByteArrayOutputStream(), new ByteArrayOutputStream());
  }
}
