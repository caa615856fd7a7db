package dev.regard.triage.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regard.triage.Fixtures;
import dev.regard.triage.JsonSchemas;
import dev.regard.triage.cli.ScanTriage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format openvex}, checked against the OpenVEX 0.2.0 JSON schema. Inputs: the Trivy-style
 * example log (hand-written in Trivy's SARIF shape) and a minimal SARIF crafted here that names a
 * CVE in a rule id and a GHSA in a tag, once in an in-scope and once in an out-of-scope component.
 */
class OpenVexTest {
  static final String MODEL = "src/test/resources/kafka-model";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void excludedVulnerabilitiesAreNotAffectedAndInScopeOnesStayUnderInvestigation()
      throws Exception {
    Path sarif = dir.resolve("deps.sarif");
    Files.writeString(sarif, crafted());
    JsonNode vex = classify(sarif.toString());
    assertThat(JsonSchemas.violations(JsonSchemas.OPENVEX, vex)).isEmpty();
    Map<String, JsonNode> byName = new HashMap<>();
    vex.get("statements").forEach(s -> byName.put(s.at("/vulnerability/name").asText(), s));
    assertThat(byName).containsOnlyKeys("CVE-2024-0001", "CVE-2024-0002");

    JsonNode excluded = byName.get("CVE-2024-0001");
    assertThat(excluded.get("status").asText()).isEqualTo("not_affected");
    assertThat(excluded.get("justification").asText()).isEqualTo("component_not_present");
    assertThat(excluded.get("impact_statement").asText())
        .contains("OUT-OF-MODEL:unsupported-component", "THREAT_MODEL.md § Scope");
    assertThat(excluded.at("/vulnerability/aliases/0").asText()).isEqualTo("GHSA-jfh8-c2jp-5v3q");

    JsonNode inScope = byName.get("CVE-2024-0002");
    assertThat(inScope.get("status").asText()).isEqualTo("under_investigation");
    assertThat(inScope.has("justification")).isFalse();
  }

  @Test
  void theTrivyExampleGivesAValidDocument() throws Exception {
    JsonNode vex = classify(Fixtures.example("trivy.sarif").toString());
    assertThat(JsonSchemas.violations(JsonSchemas.OPENVEX, vex)).isEmpty();
    assertThat(vex.get("statements"))
        .extracting(s -> s.at("/vulnerability/name").asText())
        .contains("CVE-2024-47554");
    for (JsonNode s : vex.get("statements")) {
      assertThat(s.get("status").asText()).isIn("not_affected", "under_investigation");
    }
  }

  @Test
  void theSchemaCheckCanFail() throws Exception {
    JsonNode vex = classify(Fixtures.example("trivy.sarif").toString());
    ((com.fasterxml.jackson.databind.node.ObjectNode) vex.get("statements").get(0))
        .put("status", "not_affected")
        .remove(java.util.List.of("justification", "impact_statement"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) vex).put("timestamp", "yesterday");
    assertThat(JsonSchemas.violations(JsonSchemas.OPENVEX, vex)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void findingsNamingNoVulnerabilityGiveAClearError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ScanTriage.run(
            new String[] {
              "classify",
              "--repo",
              MODEL,
              "--format",
              "openvex",
              Fixtures.example("codeql.sarif").toString()
            },
            new ByteArrayOutputStream(),
            err);
    assertThat(code).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no finding names a vulnerability");
  }

  private static JsonNode classify(String file) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ScanTriage.run(
        new String[] {"classify", "--repo", MODEL, "--format", "openvex", file}, out, err);
    assertThat(out.size()).as(err.toString(StandardCharsets.UTF_8)).isPositive();
    return JSON.readTree(out.toByteArray());
  }

  private static String crafted() {
    return """
        {"version": "2.1.0", "runs": [{
          "tool": {"driver": {"name": "DependencyScanner", "rules": [
            {"id": "CVE-2024-0001", "properties": {"tags": ["vulnerability", "GHSA-jfh8-c2jp-5v3q"]}},
            {"id": "CVE-2024-0002"},
            {"id": "outdated-plugin"}]}},
          "results": [
            {"ruleId": "CVE-2024-0001", "ruleIndex": 0, "level": "error", "message": {"text": "lib 1.0 is vulnerable"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "trogdor/build.gradle"}}}]},
            {"ruleId": "CVE-2024-0002", "level": "error", "message": {"text": "lib 2.0 is vulnerable"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "clients/src/main/java/A.java"}}}]},
            {"ruleId": "outdated-plugin", "level": "note", "message": {"text": "a plugin is old"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "clients/build.gradle"}}}]}
          ]}]}
        """;
  }
}
