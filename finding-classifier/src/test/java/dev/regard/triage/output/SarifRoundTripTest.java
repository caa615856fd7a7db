package dev.regard.triage.output;

import static dev.regard.triage.Fixtures.match;
import static dev.regard.triage.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.Verdict;
import dev.regard.triage.Fixtures;
import dev.regard.triage.TriageRun;
import dev.regard.triage.classify.Classifier;
import dev.regard.triage.finding.PathNormalizer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReportHeader HEADER =
      new ReportHeader("Kafka", "THREAT_MODEL.md", List.of(), 2);

  @TempDir Path dir;

  private final Classifier classifier =
      new Classifier(
          List.of(
              rule(
                  "trogdor",
                  Verdict.OUT_OF_MODEL,
                  "OUT-OF-MODEL:unsupported-component",
                  RuleOrigin.DERIVED,
                  match(List.of("trogdor/**"), List.of(), List.of(), List.of())),
              rule(
                  "deser",
                  Verdict.KNOWN_NON_FINDING,
                  "KNOWN-NON-FINDING",
                  RuleOrigin.EXPLICIT,
                  match(List.of(), List.of(), List.of("CWE-502"), List.of()))),
          List.of());

  private JsonNode triage(List<Path> inputs) throws Exception {
    return JSON.readTree(triageBytes(inputs));
  }

  private byte[] triageBytes(List<Path> inputs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TriageRun(classifier, new PathNormalizer(null), null)
        .write(
            inputs.stream().map(p -> new TriageRun.Input(p, p.toString())).toList(),
            TriageRun.Format.SARIF,
            HEADER,
            out);
    return out.toByteArray();
  }

  @Test
  void outputIsTheInputPlusSuppressionsOnExcludedResults() throws Exception {
    Path input = Fixtures.example("codeql.sarif");
    JsonNode output = triage(List.of(input));
    ArrayNode results = (ArrayNode) output.at("/runs/0/results");

    ObjectNode deser = (ObjectNode) results.get(0);
    JsonNode suppression = deser.at("/suppressions/0");
    assertThat(suppression.get("kind").asText()).isEqualTo("external");
    assertThat(suppression.get("status").asText()).isEqualTo("accepted");
    assertThat(suppression.get("justification").asText())
        .contains(
            "known-non-finding", "because deser", "THREAT_MODEL.md § Section of deser (line 10)");
    assertThat(deser.at("/properties/triage/verdict").asText()).isEqualTo("known-non-finding");
    assertThat(deser.at("/properties/triage/rule").asText()).isEqualTo("deser");
    assertThat(deser.at("/properties/triage/section/line").asInt()).isEqualTo(10);
    assertThat(results.get(1).has("suppressions")).isFalse(); // in scope: untouched
    assertThat(results.get(2).at("/properties/triage/disposition").asText())
        .isEqualTo("OUT-OF-MODEL:unsupported-component");

    // Remove exactly what was added: what remains equals the input.
    for (JsonNode result : results) {
      ObjectNode r = (ObjectNode) result;
      if (r.has("properties")) {
        r.remove("suppressions");
        ((ObjectNode) r.get("properties")).remove("triage");
        if (r.get("properties").isEmpty()) {
          r.remove("properties");
        }
      }
    }
    assertThat(output).isEqualTo(JSON.readTree(input.toFile()));
  }

  @Test
  void existingSuppressionsAndPropertiesAreKept() throws Exception {
    Path input = dir.resolve("in.sarif");
    Files.writeString(
        input,
        """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "T"}}, "results": [
          {"ruleId": "R", "message": {"text": "m"},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "trogdor/A.java"}}}],
           "suppressions": [{"kind": "inSource"}],
           "properties": {"score": 1.5e3, "n": 12345678901234, "p": 0.10000000000000000555}}
        ]}], "inlineExternalProperties": [{"guid": "00000000-0000-0000-0000-000000000000"}],
         "properties": {"precise": 3.14159265358979323846264338327950288}}
        """);
    JsonNode out = triage(List.of(input));
    JsonNode result = out.at("/runs/0/results/0");
    assertThat(result.get("suppressions")).hasSize(2);
    assertThat(result.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
    assertThat(result.at("/properties/score").asDouble()).isEqualTo(1500.0);
    assertThat(result.at("/properties/n").asLong()).isEqualTo(12345678901234L);
    assertThat(out.at("/inlineExternalProperties/0/guid").asText()).startsWith("0000");
    // Digits beyond a double's precision survive, in results and outside them.
    ObjectMapper exact =
        new ObjectMapper()
            .enable(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    JsonNode precise = exact.readTree(triageBytes(List.of(input)));
    assertThat(precise.at("/properties/precise").decimalValue())
        .isEqualByComparingTo("3.14159265358979323846264338327950288");
    assertThat(precise.at("/runs/0/results/0/properties/p").decimalValue())
        .isEqualByComparingTo("0.10000000000000000555");
  }

  @Test
  void triagingATriagedLogReplacesTheEarlierVerdicts() throws Exception {
    Path once = dir.resolve("once.sarif");
    Files.write(once, JSON.writeValueAsBytes(triage(List.of(Fixtures.example("codeql.sarif")))));
    JsonNode twice = triage(List.of(once));
    assertThat(twice.at("/runs/0/results/0/suppressions")).hasSize(1);
    assertThat(twice).isEqualTo(JSON.readTree(once.toFile()));

    // Against a model without rules, every earlier suppression and triage block goes away.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TriageRun(new Classifier(List.of(), List.of()), new PathNormalizer(null), null)
        .write(
            List.of(new TriageRun.Input(once, "once.sarif")), TriageRun.Format.SARIF, HEADER, out);
    assertThat(JSON.readTree(out.toByteArray()))
        .isEqualTo(JSON.readTree(Fixtures.example("codeql.sarif").toFile()));
  }

  @Test
  void severalLogsBecomeOneWithAllRuns() throws Exception {
    JsonNode out =
        triage(List.of(Fixtures.example("codeql.sarif"), Fixtures.example("trivy.sarif")));
    assertThat(out.get("version").asText()).isEqualTo("2.1.0");
    assertThat(out.get("runs")).hasSize(2);
    assertThat(out.at("/runs/0/tool/driver/name").asText()).isEqualTo("CodeQL");
    assertThat(out.at("/runs/1/tool/driver/name").asText()).isEqualTo("Trivy");
  }
}
