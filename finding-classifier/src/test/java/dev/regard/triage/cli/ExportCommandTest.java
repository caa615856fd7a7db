package dev.regard.triage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.triage.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  @TempDir Path dir;

  @Test
  void exportWritesTheCompanionAndLintFindsItInSync() throws Exception {
    Path companion = dir.resolve("THREAT_MODEL.json");
    Run export =
        CliTest.run("export", "--repo", CliTest.MODEL.toString(), "-o", companion.toString());
    assertThat(export.code()).as(export.err()).isEqualTo(ScanTriage.OK);
    JsonNode json = new ObjectMapper().readTree(companion.toFile());
    assertThat(json.get("companionVersion").asText()).isEqualTo("1");

    Run lint =
        CliTest.run(
            "lint", "--repo", CliTest.MODEL.toString(), "--companion", companion.toString());
    assertThat(lint.out()).doesNotContain("drift");
  }

  @Test
  void lintCatchesAStaleCompanion() throws Exception {
    Path companion = dir.resolve("THREAT_MODEL.json");
    CliTest.run("export", "--repo", CliTest.MODEL.toString(), "-o", companion.toString());
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode stale = (ObjectNode) mapper.readTree(companion.toFile());
    // As if the Markdown had gained a path for Trogdor and moved its row since the last export.
    ((ObjectNode) stale.at("/scope/outOfScope/0/citation")).put("line", 3);
    ((com.fasterxml.jackson.databind.node.ArrayNode) stale.at("/scope/outOfScope/0/paths"))
        .add("old/path/**");
    Files.writeString(companion, mapper.writeValueAsString(stale));

    Run lint =
        CliTest.run(
            "lint", "--repo", CliTest.MODEL.toString(), "--companion", companion.toString());
    assertThat(lint.code()).isEqualTo(ScanTriage.FINDINGS);
    assertThat(lint.out())
        .contains("error: " + companion + ": drift at /scope/outOfScope/0/citation/line")
        .contains("drift at /scope/outOfScope/0/paths/1: no longer in the Markdown");
  }

  @Test
  void aBrokenCompanionIsAnInputErrorNamingTheFile() throws Exception {
    Path companion = dir.resolve("broken.json");
    Files.writeString(companion, "{\"companionVersion\": \"1\",\n");
    Run lint =
        CliTest.run(
            "lint", "--repo", CliTest.MODEL.toString(), "--companion", companion.toString());
    assertThat(lint.code()).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(lint.err()).contains(companion + ":2", "truncated input");
  }
}
