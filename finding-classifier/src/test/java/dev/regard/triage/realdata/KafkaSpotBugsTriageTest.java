package dev.regard.triage.realdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.triage.cli.ScanTriage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real scan: SpotBugs with Find Security Bugs over Kafka's own {@code kafka-clients} jar,
 * restricted to {@code org.apache.kafka.common.security} and its sub-packages so that it runs in
 * about a minute on two cores, triaged against a Kafka-style test model ({@code kafka-model}) whose
 * rules speak about the security package.
 */
class KafkaSpotBugsTriageTest {
  private static final Path MODEL = Path.of("src/test/resources/kafka-model");

  @TempDir static Path dir;
  private static Path sarif;
  private static ScanReport scan;

  @BeforeAll
  static void scanAndTriage() throws Exception {
    sarif = dir.resolve("kafka-clients-security.sarif");
    SpotBugsScan.scan(
        List.of(SpotBugsScan.jarOf(CommonClientConfigs.class)),
        "org.apache.kafka.common.security.-",
        sarif);
    scan = ScanReport.triage(sarif, MODEL);
  }

  @Test
  void everyResultGetsOneVerdictAndTheSummaryAddsUp() {
    assertThat(scan.input().at("/runs/0/results").size()).isGreaterThan(20);
    scan.assertCompleteAndConsistent();
  }

  @Test
  void handCheckedVerdictsCiteTheRightSection() {
    // Key store paths in DefaultSslEngineFactory come from the operator's configuration.
    JsonNode pathTraversal = scan.find("PATH_TRAVERSAL_IN", "ssl/DefaultSslEngineFactory.java");
    assertThat(pathTraversal.get("verdict").asText()).isEqualTo("out-of-model");
    assertThat(pathTraversal.get("disposition").asText()).isEqualTo("OUT-OF-MODEL:trusted-input");
    assertThat(pathTraversal.get("rule").asText()).isEqualTo("config-file-paths");
    assertThat(pathTraversal.at("/section/heading").asText()).isEqualTo("Out of scope");
    assertThat(pathTraversal.at("/section/file").asText()).isEqualTo("THREAT_MODEL.md");
    assertThat(pathTraversal.get("cwes").toString()).contains("CWE-22");

    JsonNode random = scan.find("PREDICTABLE_RANDOM", "kerberos/KerberosLogin.java");
    assertThat(random.get("verdict").asText()).isEqualTo("known-non-finding");
    assertThat(random.get("disposition").asText()).isEqualTo("BY-DESIGN");
    assertThat(random.at("/section/heading").asText()).isEqualTo("Known non-findings");

    JsonNode constructor = scan.find("CT_CONSTRUCTOR_THROW", "JaasConfig.java");
    assertThat(constructor.get("disposition").asText())
        .isEqualTo("OUT-OF-MODEL:adversary-not-in-scope");
    assertThat(constructor.get("origin").asText()).isEqualTo("explicit");

    // Nothing in the model excludes ReDoS in Kerberos name rules: it stays for a maintainer.
    JsonNode redos = scan.find("REDOS", "kerberos/KerberosName.java");
    assertThat(redos.get("verdict").asText()).isEqualTo("in-scope");
    assertThat(redos.get("disposition").asText()).isEqualTo("VALID");
    assertThat(redos.at("/section/heading").asText()).isEqualTo("Scope");
    assertThat(redos.get("rationale").asText()).contains("Java clients");
  }

  @Test
  void theSarifReportKeepsTheScanAndSuppressesExactlyTheExcludedResults() throws Exception {
    Path out = dir.resolve("triaged.sarif");
    int code =
        ScanTriage.run(
            new String[] {
              "classify",
              "--repo",
              MODEL.toString(),
              "--format",
              "sarif",
              "-o",
              out.toString(),
              sarif.toString()
            },
            new ByteArrayOutputStream(),
            System.err);
    assertThat(code).isEqualTo(scan.exitCode());
    JsonNode triaged = new ObjectMapper().readTree(out.toFile());
    int suppressed = 0;
    for (JsonNode result : triaged.at("/runs/0/results")) {
      if (result.has("suppressions")) {
        suppressed++;
        ((ObjectNode) result).remove("suppressions");
        ((ObjectNode) result.get("properties")).remove("triage");
        if (result.get("properties").isEmpty()) {
          ((ObjectNode) result).remove("properties");
        }
      }
    }
    JsonNode summary = scan.report().get("summary");
    assertThat(suppressed)
        .isEqualTo(summary.get("total").asInt() - summary.at("/byVerdict/in-scope").asInt());
    assertThat(triaged).isEqualTo(scan.input());
  }
}
