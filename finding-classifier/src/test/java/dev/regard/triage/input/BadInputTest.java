package dev.regard.triage.input;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.triage.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws Exception {
    Path file = write("bad.sarif", "{\"version\": \"2.1.0\",\n \"runs\": [ {\"results\": [}]}");
    assertThatThrownBy(() -> Fixtures.read(file))
        .isInstanceOf(FindingsException.class)
        .hasMessageContaining("bad.sarif:2:")
        .hasMessageContaining("Unexpected close marker");
  }

  @Test
  void truncatedSarifIsRejectedBeforeAnyResultIsHandedOut() throws Exception {
    String full = Files.readString(Fixtures.example("codeql.sarif"));
    Path file = write("cut.sarif", full.substring(0, full.length() * 2 / 3));
    int[] seen = {0};
    assertThatThrownBy(
            () ->
                new FindingsReader(new dev.regard.triage.finding.PathNormalizer(null), null)
                    .read(file, "cut.sarif", f -> seen[0]++))
        .isInstanceOf(FindingsException.class)
        .hasMessageContaining("cut.sarif:")
        .hasMessageContaining("truncated input");
    org.assertj.core.api.Assertions.assertThat(seen[0]).isZero();
  }

  @Test
  void otherSarifVersionsAreRejected() throws Exception {
    Path file = write("old.sarif", "{\"version\": \"2.0.0\", \"runs\": []}");
    assertThatThrownBy(() -> Fixtures.read(file))
        .hasMessageContaining("old.sarif:1:")
        .hasMessageContaining("unsupported SARIF version '2.0.0'");
  }

  @Test
  void aLogWithoutVersionOrRunsIsRejected() throws Exception {
    Path noVersion = write("nov.sarif", "{\"runs\": []}");
    assertThatThrownBy(() -> Fixtures.read(noVersion)).hasMessageContaining("no \"version\"");
    Path noRuns = write("noruns.sarif", "{\"version\": \"2.1.0\"}");
    assertThatThrownBy(() -> Fixtures.read(noRuns)).hasMessageContaining("no \"runs\"");
  }

  @Test
  void emptyFileIsRejected() throws Exception {
    Path file = write("empty.sarif", "");
    assertThatThrownBy(() -> Fixtures.read(file))
        .hasMessageEndingWith("empty.sarif: empty file: no findings");
    Path blank = write("blank.json", "  \n ");
    assertThatThrownBy(() -> Fixtures.read(blank)).hasMessageContaining("empty file");
  }

  @Test
  void binaryFileIsRejected() throws Exception {
    Path file = dir.resolve("image.sarif");
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7 + 3);
    }
    Files.write(file, bytes);
    assertThatThrownBy(() -> Fixtures.read(file))
        .isInstanceOf(FindingsException.class)
        .hasMessageContaining("image.sarif");
  }

  @Test
  void neitherSarifNorFindingsIsRejected() throws Exception {
    Path file = write("other.json", "{\"name\": \"package.json\", \"version\": 1}");
    assertThatThrownBy(() -> Fixtures.read(file)).hasMessageContaining("other.json");
    Path scalar = write("scalar.json", "42");
    assertThatThrownBy(() -> Fixtures.read(scalar)).hasMessageContaining("scalar.json:1:1");
  }

  @Test
  void trailingContentIsRejected() throws Exception {
    Path file = write("two.sarif", "{\"version\": \"2.1.0\", \"runs\": []} {}");
    assertThatThrownBy(() -> Fixtures.read(file)).hasMessageContaining("unexpected content");
  }

  @Test
  void resultsMustBeObjects() throws Exception {
    Path file = write("r.sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [1]}]}");
    assertThatThrownBy(() -> Fixtures.read(file)).hasMessageContaining("must be a JSON object");
  }
}
