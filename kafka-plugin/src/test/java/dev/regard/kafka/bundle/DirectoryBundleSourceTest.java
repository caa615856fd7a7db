package dev.regard.kafka.bundle;

import static dev.regard.kafka.bundle.BundleFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.bundle.BundleException;
import dev.regard.testing.TarGzWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBundleSourceTest {
  @TempDir Path dir;
  @TempDir Path outside;

  @Test
  void deliversFilesOnlyWhenTheyChange() throws Exception {
    BundleDirs.write(dir, BundleFixtures.files("alice"));
    DirectoryBundleSource source = new DirectoryBundleSource(dir, 1 << 20);
    BundleFiles first = source.fetch().orElseThrow();
    assertThat(first.files())
        .containsOnlyKeys(".manifest", "kafka/authz/policy.rego", "kafka/authz/data.json");
    assertThat(source.fetch()).isEmpty();
    BundleDirs.write(dir, Map.of("kafka/authz/data.json", bytes("{\"writers\":[\"bob\"]}")));
    BundleFiles second = source.fetch().orElseThrow();
    assertThat(second.revision()).isNotEqualTo(first.revision());
  }

  @Test
  void linksInsideTheDirectoryAreFollowedAndLinksOutsideRefused() throws Exception {
    BundleDirs.write(dir, BundleFixtures.files("alice"));
    Files.createSymbolicLink(
        dir.resolve("kafka/copy.rego"), dir.resolve("kafka/authz/policy.rego"));
    assertThat(new DirectoryBundleSource(dir, 1 << 20).fetch().orElseThrow().files())
        .containsKey("kafka/copy.rego");

    Files.writeString(outside.resolve("secret.rego"), "package kafka.authz\n");
    Files.createSymbolicLink(dir.resolve("kafka/evil.rego"), outside.resolve("secret.rego"));
    assertThatThrownBy(() -> new DirectoryBundleSource(dir, 1 << 20).fetch())
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("links outside the bundle directory");
  }

  @Test
  void aMissingDirectoryOrOversizedContentIsAClearError() throws Exception {
    assertThatThrownBy(() -> new DirectoryBundleSource(dir.resolve("absent"), 1 << 20).fetch())
        .hasMessageContaining("absent")
        .hasMessageContaining("cannot be read");
    BundleDirs.write(dir, BundleFixtures.files("alice"));
    assertThatThrownBy(() -> new DirectoryBundleSource(dir, 10).fetch())
        .hasMessageContaining("exceeds 10 bytes");
  }

  @Test
  void tarballSourceReadsTheArchive() throws Exception {
    Path tarball = dir.resolve("bundle.tar.gz");
    Files.write(tarball, TarGzWriter.write(BundleFixtures.files("alice")));
    TarballBundleSource source = new TarballBundleSource(tarball, 1 << 20);
    assertThat(source.fetch().orElseThrow().files()).containsKey("kafka/authz/policy.rego");
    assertThat(source.fetch()).isEmpty();
    assertThatThrownBy(() -> new TarballBundleSource(dir.resolve("none.tar.gz"), 1 << 20).fetch())
        .hasMessageContaining("none.tar.gz");
  }
}
