package dev.regard.rego.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.testing.BundleSigner;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Digests compared with SHA-256 of the canonical text OPA's Go hasher produces. */
class FileDigestsTest {

  private static String digest(String path, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(FileDigests.digest(new BundleEntry(path, bytes), "SHA-256"));
  }

  @Test
  void jsonIsHashedSortedCompactWithNumbersAsWritten() {
    String onDisk =
        "{ \"key2\": {\"c\": 123.45678911111111111111111111111111111111111111111111111,"
            + " \"b\": 1, \"a\": 0},\n \"key1\": [\"element1\", \"element2\"] }";
    String canonical =
        "{\"key1\":[\"element1\",\"element2\"],"
            + "\"key2\":{\"a\":0,\"b\":1,\"c\":123.45678911111111111111111111111111111111111111111111111}}";
    assertThat(digest("x/data.json", onDisk)).isEqualTo(BundleSigner.sha256(canonical));
  }

  @Test
  void stringsAreEscapedAsGoDoesWithoutHtmlEscaping() {
    String onDisk = "{\"s\": \"<a>&\\u2028\\n\\u0001\\\"\\\\é\\b\\f\"}";
    String canonical = "{\"s\":\"<a>&\\u2028\\n\\u0001\\\"\\\\é\\b\\f\"}";
    assertThat(digest("data.json", onDisk)).isEqualTo(BundleSigner.sha256(canonical));
  }

  @Test
  void yamlDataIsHashedInTheSameCanonicalForm() {
    assertThat(digest("data.yaml", "b: [1, true, null]\na: x\n"))
        .isEqualTo(BundleSigner.sha256("{\"a\":\"x\",\"b\":[1,true,null]}"));
  }

  @Test
  void otherFilesAreHashedByteForByte() {
    String rego = "package p\n\n# {\"b\": 1, \"a\": 2}\n";
    assertThat(digest("p.rego", rego)).isEqualTo(BundleSigner.sha256(rego));
    assertThat(digest("other.json", "{ \"b\": 1 }")).isEqualTo(BundleSigner.sha256("{ \"b\": 1 }"));
  }

  @Test
  void weakAlgorithmsAreRefused() {
    BundleEntry e = new BundleEntry("p.rego", new byte[0]);
    assertThatThrownBy(() -> FileDigests.digest(e, "MD5"))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("p.rego: unsupported hashing algorithm 'MD5'");
    assertThatThrownBy(() -> FileDigests.digest(e, "SHA-1")).isInstanceOf(BundleException.class);
  }
}
