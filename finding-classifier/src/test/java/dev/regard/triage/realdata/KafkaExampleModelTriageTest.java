package dev.regard.triage.realdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real scan triaged against the project's Kafka-style example model ({@code
 * examples/kafka-threat-model}): SpotBugs with Find Security Bugs over Kafka's {@code
 * kafka-clients} jar, restricted to the config internals and providers and the network layer so
 * that it stays within a couple of minutes on two cores.
 */
class KafkaExampleModelTriageTest {
  private static final Path MODEL = Path.of("../examples/kafka-threat-model");

  @TempDir static Path dir;
  private static ScanReport scan;

  @BeforeAll
  static void scanAndTriage() throws Exception {
    Path sarif = dir.resolve("kafka-clients-config-network.sarif");
    SpotBugsScan.scan(
        List.of(SpotBugsScan.jarOf(CommonClientConfigs.class)),
        "org.apache.kafka.common.config.internals.-,org.apache.kafka.common.config.provider.-,"
            + "org.apache.kafka.common.network.-",
        sarif);
    scan = ScanReport.triage(sarif, MODEL);
  }

  @Test
  void everyResultGetsOneVerdictAndTheSummaryAddsUp() {
    assertThat(scan.input().at("/runs/0/results").size()).isGreaterThan(10);
    scan.assertCompleteAndConsistent();
    assertThat(scan.report().at("/model/threatModel").asText())
        .isEqualTo("docs/security/THREAT_MODEL.md");
  }

  @Test
  void theAllowListPathTraversalIsTheKnownNonFindingOfSection11a2() {
    JsonNode f = scan.find("PATH_TRAVERSAL_IN", "config/internals/AllowedPaths.java");
    assertThat(f.get("verdict").asText()).isEqualTo("known-non-finding");
    assertThat(f.get("disposition").asText()).isEqualTo("KNOWN-NON-FINDING");
    assertThat(f.get("rule").asText()).isEqualTo("kafka-config-provider-symlinks");
    assertThat(f.get("provenance").asText()).isEqualTo("maintainer");
    assertThat(f.at("/section/file").asText()).isEqualTo("docs/security/THREAT_MODEL.md");
    assertThat(f.at("/section/heading").asText()).startsWith("11a.2 Symlinks");
    assertThat(f.get("cwes").toString()).contains("CWE-22");
  }

  @Test
  void networkLayerFindingsAreInScopeUnderTheScopeTable() {
    JsonNode f = scan.find("EI_EXPOSE_REP2", "network/KafkaChannel.java");
    assertThat(f.get("verdict").asText()).isEqualTo("in-scope");
    assertThat(f.get("disposition").asText()).isEqualTo("VALID-HARDENING"); // SpotBugs: note
    assertThat(f.at("/section/heading").asText()).isEqualTo("§1 Scope");
    assertThat(f.get("rationale").asText()).contains("Broker network layer");
  }

  @Test
  void configProvidersTheScopeTableDoesNotPlaceAreModelGaps() {
    JsonNode f = scan.find("CT_CONSTRUCTOR_THROW", "config/provider/EnvVarConfigProvider.java");
    assertThat(f.get("verdict").asText()).isEqualTo("in-scope");
    assertThat(f.get("disposition").asText()).isEqualTo("MODEL-GAP");
    assertThat(f.has("section")).isFalse();
  }
}
