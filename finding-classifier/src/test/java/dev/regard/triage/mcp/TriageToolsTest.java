package dev.regard.triage.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.threatmodel.ThreatModelException;
import dev.regard.triage.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools' input checks, called directly (the protocol is covered by McpClientTest). */
class TriageToolsTest {
  static final Path KAFKA_MODEL = Path.of("src/test/resources/kafka-model");
  final TriageTools tools = new TriageTools(KAFKA_MODEL);

  @TempDir Path dir;

  @Test
  void inlineFindingsAreBoundedInSize() {
    String big = "x".repeat(4000);
    List<Object> findings =
        java.util.stream.IntStream.range(0, 400)
            .mapToObj(i -> (Object) Map.of("title", big, "file", "a.java"))
            .toList();
    assertThatThrownBy(() -> tools.classify(Map.of("findings", findings)))
        .isInstanceOf(ToolInputException.class)
        .hasMessageContaining("larger than 1024 KiB");
  }

  @Test
  void aRepositoryMustBeADirectoryWithAModel() {
    assertThatThrownBy(() -> tools.readModel(Map.of("repo", "no/such/dir")))
        .isInstanceOf(ToolInputException.class)
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> tools.readModel(Map.of("repo", dir.toString())))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("AGENTS.md");
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> tools.classify(Map.of("file", 42)))
        .hasMessageContaining("'file' must be a string");
    assertThatThrownBy(() -> tools.classify(Map.of("sarif", List.of())))
        .hasMessageContaining("'sarif' must be a SARIF log object");
    assertThatThrownBy(() -> tools.explain(Map.of("file", trivy())))
        .hasMessageContaining("'finding' is required");
    assertThatThrownBy(() -> tools.explain(Map.of("file", trivy(), "finding", "#99")))
        .hasMessageContaining("no finding #99");
    assertThatThrownBy(() -> tools.readModel(Map.of("repo\u0007", "x")))
        .hasMessageContaining("unknown argument 'repo\\u0007'");
  }

  @Test
  void anInlineSarifLogIsClassified() throws Exception {
    Map<String, Object> sarif =
        Map.of(
            "version",
            "2.1.0",
            "runs",
            List.of(
                Map.of(
                    "tool",
                    Map.of("driver", Map.of("name", "T")),
                    "results",
                    List.of(
                        Map.of(
                            "ruleId",
                            "r",
                            "message",
                            Map.of("text", "m"),
                            "locations",
                            List.of(
                                Map.of(
                                    "physicalLocation",
                                    Map.of(
                                        "artifactLocation", Map.of("uri", "trogdor/A.java")))))))));
    ObjectNode report = tools.classify(Map.of("sarif", sarif));
    assertThat(report.at("/findings/0/verdict").asText()).isEqualTo("out-of-model");
    assertThat(report.at("/findings/0/citation").asText()).startsWith("THREAT_MODEL.md § Scope");
  }

  private static String trivy() {
    return Fixtures.example("trivy.sarif").toString();
  }
}
