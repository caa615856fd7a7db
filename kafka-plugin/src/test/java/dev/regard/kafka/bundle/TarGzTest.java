package dev.regard.kafka.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.testing.TarGzWriter;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarGzTest {
  @Test
  void readsRegularFilesWithNormalizedNames() throws Exception {
    byte[] tar =
        TarGzWriter.write(
            Map.of(
                "./kafka/authz/policy.rego",
                BundleFixtures.bytes("package x"),
                "/.manifest",
                BundleFixtures.bytes("{}")));
    Map<String, byte[]> files = TarGz.read(new ByteArrayInputStream(tar), "b.tar.gz", 1 << 20);
    assertThat(files).containsOnlyKeys("kafka/authz/policy.rego", ".manifest");
    assertThat(
            new String(
                files.get("kafka/authz/policy.rego"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("package x");
  }

  @Test
  void refusesPathsEscapingTheRoot() throws Exception {
    byte[] tar =
        TarGzWriter.write(Map.of("../../etc/evil.rego", BundleFixtures.bytes("package x")));
    assertThatThrownBy(() -> TarGz.read(new ByteArrayInputStream(tar), "b.tar.gz", 1 << 20))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("escapes")
        .hasMessageContaining("../../etc/evil.rego");
  }

  @Test
  void refusesLinks() throws Exception {
    byte[] tar = TarGzWriter.write(Map.of("link.rego", BundleFixtures.bytes("")), '2');
    assertThatThrownBy(() -> TarGz.read(new ByteArrayInputStream(tar), "b.tar.gz", 1 << 20))
        .hasMessageContaining("link or special file");
  }

  @Test
  void refusesOversizedAndCorruptArchives() throws Exception {
    byte[] tar = TarGzWriter.write(Map.of("big.json", new byte[5000]));
    assertThatThrownBy(() -> TarGz.read(new ByteArrayInputStream(tar), "b.tar.gz", 1000))
        .hasMessageContaining("exceeds 1000 bytes");
    assertThatThrownBy(
            () ->
                TarGz.read(
                    new ByteArrayInputStream(BundleFixtures.bytes("not gzip")), "b.tar.gz", 1000))
        .hasMessageContaining("b.tar.gz: not a readable .tar.gz");
  }
}
