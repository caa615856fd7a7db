package dev.regard.triage.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.triage.Fixtures;
import dev.regard.triage.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFindingsReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheDocumentedForm() throws Exception {
    List<Finding> findings = Fixtures.read(Fixtures.example("agent-findings.json"));
    assertThat(findings).hasSize(2);
    Finding first = findings.get(0);
    assertThat(first.tool()).isEqualTo("review-agent");
    assertThat(first.ruleId()).isNull();
    assertThat(first.message()).startsWith("SASL/PLAIN credentials compared with String.equals: ");
    assertThat(first.cwes()).containsExactly("CWE-208");
    assertThat(first.line()).isEqualTo(62);
    assertThat(first.evidence()).contains("Arrays.equals");
    assertThat(findings.get(1).cwes()).containsExactly("CWE-306");
    assertThat(findings.get(1).level()).isEqualTo("warning");
  }

  @Test
  void acceptsABareArray() throws Exception {
    Path file = dir.resolve("bare.json");
    Files.writeString(file, "[{\"title\": \"t\", \"file\": \"C:\\\\repo\\\\a\\\\B.java\"}]");
    Finding f = Fixtures.read(file).get(0);
    assertThat(f.path()).isEqualTo("C:/repo/a/B.java");
    assertThat(f.id()).isEqualTo("bare.json#1");
  }

  @Test
  void aFindingWithoutLocationIsAnErrorWithPosition() throws Exception {
    Path file = dir.resolve("noloc.json");
    Files.writeString(
        file, "{\"findings\": [\n  {\"title\": \"a\", \"file\": \"x\"},\n  {\"title\": \"b\"}]}");
    assertThatThrownBy(() -> Fixtures.read(file))
        .isInstanceOf(FindingsException.class)
        .hasMessageEndingWith(
            "noloc.json:3:3: finding 2: missing \"file\" (every finding needs a location)");
  }

  @Test
  void unknownMembersBadLevelsBadCwesAndBadLinesAreErrors() throws Exception {
    Path typo = dir.resolve("typo.json");
    Files.writeString(typo, "[{\"title\": \"a\", \"file\": \"x\", \"severity\": \"high\"}]");
    assertThatThrownBy(() -> Fixtures.read(typo)).hasMessageContaining("unknown member 'severity'");
    Path level = dir.resolve("level.json");
    Files.writeString(level, "[{\"title\": \"a\", \"file\": \"x\", \"level\": \"high\"}]");
    assertThatThrownBy(() -> Fixtures.read(level)).hasMessageContaining("unknown level 'high'");
    Path cwe = dir.resolve("cwe.json");
    Files.writeString(cwe, "[{\"title\": \"a\", \"file\": \"x\", \"cwe\": \"XSS\"}]");
    assertThatThrownBy(() -> Fixtures.read(cwe)).hasMessageContaining("'XSS' is not a CWE");
    Path line = dir.resolve("line.json");
    Files.writeString(line, "[{\"title\": \"a\", \"file\": \"x\", \"line\": \"ten\"}]");
    assertThatThrownBy(() -> Fixtures.read(line)).hasMessageContaining("\"line\" must be a number");
  }

  @Test
  void truncatedFindingsAreAnError() throws Exception {
    Path file = dir.resolve("cut.json");
    Files.writeString(
        file, "{\"findings\": [{\"title\": \"a\", \"file\": \"x\"}, {\"title\": \"b\", ");
    assertThatThrownBy(() -> Fixtures.read(file)).hasMessageContaining("truncated input");
  }

  @Test
  void otherTopLevelMembersAreRejected() throws Exception {
    Path file = dir.resolve("extra.json");
    Files.writeString(file, "{\"findings\": [], \"extra\": 1}");
    assertThatThrownBy(() -> Fixtures.read(file)).hasMessageContaining("only member");
  }
}
