package dev.regard.triage.companion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.threatmodel.LoadedModel;
import dev.regard.threatmodel.ThreatModels;
import dev.regard.triage.JsonSchemas;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompanionExportTest {
  static final Path KAFKA_MODEL = Path.of("src/test/resources/kafka-model");
  static final Path REPOSITORY = Path.of("..");

  @Test
  void theRepositorysOwnModelExportsToItsDocumentedSchema() throws Exception {
    LoadedModel loaded = ThreatModels.fromRepository(REPOSITORY);
    ObjectNode companion = CompanionExport.of(loaded);
    assertThat(JsonSchemas.violations(JsonSchemas.COMPANION, companion)).isEmpty();
    assertThat(companion.get("companionVersion").asText()).isEqualTo(CompanionExport.VERSION);
    assertThat(companion.at("/source/discovery/0").asText()).contains("AGENTS.md");
    assertThat(companion.get("dispositions")).hasSize(loaded.rules().rules().size());
    assertThat(companion.get("openQuestions")).hasSize(loaded.model().openQuestions().size());
  }

  @Test
  void theKafkaExampleCarriesScopeCodeLocationsAndCitations() throws Exception {
    ObjectNode companion = CompanionExport.of(ThreatModels.fromRepository(KAFKA_MODEL));
    assertThat(JsonSchemas.violations(JsonSchemas.COMPANION, companion)).isEmpty();
    JsonNode trogdor = null;
    for (JsonNode c : companion.at("/scope/outOfScope")) {
      if (c.get("name").asText().toLowerCase().contains("trogdor")) {
        trogdor = c;
      }
    }
    assertThat(trogdor).as("the out-of-scope Trogdor component").isNotNull();
    assertThat(trogdor.get("paths").toString()).contains("trogdor");
    assertThat(trogdor.at("/citation/file").asText()).isEqualTo("THREAT_MODEL.md");
    assertThat(trogdor.at("/citation/line").asInt()).isPositive();
  }

  @Test
  void exportingTwiceGivesTheSameDocument() {
    LoadedModel loaded = ThreatModels.fromRepository(KAFKA_MODEL);
    assertThat(CompanionExport.of(loaded)).isEqualTo(CompanionExport.of(loaded));
  }

  @Test
  void aSchemaViolationIsCaught() throws Exception {
    // The schema check itself can fail: a companion missing a member does not pass.
    ObjectNode companion = CompanionExport.of(ThreatModels.fromRepository(KAFKA_MODEL));
    companion.remove("dispositions");
    ((ArrayNode) companion.at("/scope/inScope")).addObject().put("name", "no citation");
    assertThat(JsonSchemas.violations(JsonSchemas.COMPANION, companion))
        .anyMatch(v -> v.contains("dispositions"))
        .anyMatch(v -> v.contains("/scope/inScope"));
  }

  @Test
  void driftIsReportedByPath() {
    ObjectNode fresh = CompanionExport.of(ThreatModels.fromRepository(KAFKA_MODEL));
    ObjectNode stale = fresh.deepCopy();
    ((ObjectNode) stale.at("/scope/outOfScope/0")).put("name", "renamed");
    ((ArrayNode) stale.get("dispositions")).remove(0);
    ((ObjectNode) stale.get("source")).put("extra", true);
    assertThat(CompanionDrift.between(fresh, fresh.deepCopy())).isEmpty();
    assertThat(CompanionDrift.between(stale, fresh))
        .extracting(CompanionDrift.Difference::path)
        .contains("/source/extra", "/scope/outOfScope/0/name", "/dispositions/0/id");
  }
}
