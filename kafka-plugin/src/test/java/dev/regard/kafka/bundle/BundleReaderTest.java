package dev.regard.kafka.bundle;

import static dev.regard.kafka.bundle.BundleFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleReaderTest {
  private final BundleReader reader = new BundleReader(Optional.empty());

  @Test
  void readsManifestModulesAndDataAtTheirDirectoryPath() throws Exception {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put("kafka/data.json", bytes("{\"owners\":{\"orders\":\"alice\"}}"));
    Bundle bundle = reader.read(new BundleFiles(files, "rev-9"));
    assertThat(bundle.revision()).isEqualTo("rev-9");
    assertThat(bundle.manifestRevision()).isEqualTo("v1");
    assertThat(bundle.roots()).containsExactly("kafka");
    assertThat(bundle.modules()).containsOnlyKeys("kafka/authz/policy.rego");
    assertThat(Json.write(bundle.data()))
        .isEqualTo(
            "{\"kafka\":{\"authz\":{\"writers\":[\"alice\"]},\"owners\":{\"orders\":\"alice\"}}}");
  }

  @Test
  void malformedDataIsReportedWithFileLineAndColumn() {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put("kafka/authz/data.json", bytes("{\n  \"writers\": [\"alice\",]\n}"));
    assertThatThrownBy(() -> reader.read(new BundleFiles(files, "r")))
        .isInstanceOf(BundleException.class)
        .hasMessageStartingWith("kafka/authz/data.json:2:");
  }

  @Test
  void conflictingDataIsRefused() {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put("kafka/data.json", bytes("{\"authz\":{\"writers\":[]}}"));
    assertThatThrownBy(() -> reader.read(new BundleFiles(files, "r")))
        .hasMessageContaining("conflicts");
  }

  @Test
  void contentOutsideTheManifestRootsIsRefused() {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put("other/data.json", bytes("{}"));
    assertThatThrownBy(() -> reader.read(new BundleFiles(files, "r")))
        .hasMessageContaining("other/data.json")
        .hasMessageContaining("outside the manifest's roots");
    Map<String, byte[]> rego = BundleFixtures.files("alice");
    rego.put("x.rego", bytes("package other.rules\n"));
    assertThatThrownBy(() -> reader.read(new BundleFiles(rego, "r")))
        .hasMessageContaining("x.rego");
  }

  @Test
  void badManifestYamlDataInvalidUtf8AndEmptyBundlesAreRefused() {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put(".manifest", bytes("[1]"));
    assertThatThrownBy(() -> reader.read(new BundleFiles(files, "r")))
        .hasMessageContaining(".manifest");

    Map<String, byte[]> yaml = BundleFixtures.files("alice");
    yaml.put("kafka/data.yaml", bytes("a: 1"));
    assertThatThrownBy(() -> reader.read(new BundleFiles(yaml, "r"))).hasMessageContaining("YAML");

    Map<String, byte[]> binary = BundleFixtures.files("alice");
    binary.put("kafka/authz/policy.rego", new byte[] {(byte) 0xff, (byte) 0xfe});
    assertThatThrownBy(() -> reader.read(new BundleFiles(binary, "r")))
        .hasMessageContaining("kafka/authz/policy.rego: not valid UTF-8");

    assertThatThrownBy(() -> reader.read(new BundleFiles(new LinkedHashMap<>(), "r")))
        .hasMessageContaining("no .rego module");
  }
}
