package dev.regard.kafka.engine;

import static dev.regard.kafka.bundle.BundleFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.kafka.bundle.BundleFixtures;
import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleException;
import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.value.Json;
import dev.regard.testing.BundleSigner;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker reads bundles with rego-engine's reader, configured from the broker settings: signed
 * bundles need the configured key, a signed bundle without a key is refused, data may be YAML, and
 * delta or Wasm bundles are refused.
 */
class BundleReadingTest {
  private static BundleReader reader(String verificationKey) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(AuthorizerConfig.BUNDLE_PATH, "/unused");
    if (verificationKey != null) {
      settings.put(AuthorizerConfig.BUNDLE_VERIFICATION_KEY, verificationKey);
    }
    return Engines.bundleReader(new AuthorizerConfig(settings));
  }

  @Test
  void aSignedBundleIsReadWithTheConfiguredKeyEvenWhenItsDataHoldsHtmlCharacters()
      throws Exception {
    BundleSigner signer = new BundleSigner();
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put("kafka/authz/data.json", bytes("{\"writers\":[\"<alice> & <bob>\"]}"));
    files.put("kafka/r&d/data.json", bytes("{\"<lab>\": \"a&b\"}"));
    Bundle bundle = reader(signer.publicKeyPem()).read(signer.sign(files), "test");
    assertThat(bundle.signed()).isTrue();
    assertThat(Json.write(bundle.data()))
        .contains("<alice> & <bob>")
        .contains("\"r&d\":{\"<lab>\":\"a&b\"}");
  }

  @Test
  void reformattedJsonKeepsItsSignatureButChangedContentDoesNot() throws Exception {
    BundleSigner signer = new BundleSigner();
    BundleReader reader = reader(signer.publicKeyPem());
    Map<String, byte[]> reformatted = signer.sign(BundleFixtures.files("alice"));
    reformatted.put("kafka/authz/data.json", bytes("{ \"writers\" : [ \"alice\" ] }\n"));
    assertThat(reader.read(reformatted, "test").signed()).isTrue();

    Map<String, byte[]> tampered = signer.sign(BundleFixtures.files("alice"));
    tampered.put("kafka/authz/data.json", bytes("{\"writers\":[\"alice\",\"mallory\"]}"));
    assertThatThrownBy(() -> reader.read(tampered, "test"))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("kafka/authz/data.json: digest does not match");

    Map<String, byte[]> added = signer.sign(BundleFixtures.files("alice"));
    added.put("kafka/authz/backdoor.rego", bytes("package kafka.authz\nallow := true\n"));
    assertThatThrownBy(() -> reader.read(added, "test"))
        .hasMessageContaining("backdoor.rego: file not included in the bundle signature");

    assertThatThrownBy(
            () -> reader(new BundleSigner().publicKeyPem()).read(signer.sign(files()), "test"))
        .hasMessageContaining("signature verification failed");
  }

  @Test
  void signaturesAreRequiredWithAKeyAndRefusedWithout() throws Exception {
    BundleSigner signer = new BundleSigner();
    assertThatThrownBy(() -> reader(signer.publicKeyPem()).read(files(), "test"))
        .hasMessageContaining("bundle is not signed");
    assertThatThrownBy(() -> reader(null).read(signer.sign(files()), "test"))
        .hasMessageContaining("bundle is signed but no verification key is configured");
  }

  @Test
  void yamlDataIsReadAndDeltaOrWasmBundlesAreRefused() {
    Map<String, byte[]> yaml = BundleFixtures.files("alice");
    yaml.put("kafka/owners/data.yaml", bytes("orders: alice\n"));
    assertThat(Json.write(reader(null).read(yaml, "test").data()))
        .contains("\"owners\":{\"orders\":\"alice\"}");

    Map<String, byte[]> patch = BundleFixtures.files("alice");
    patch.put("patch.json", bytes("{\"data\":[]}"));
    assertThatThrownBy(() -> reader(null).read(patch, "test"))
        .hasMessageContaining("delta bundles are not supported");

    Map<String, byte[]> wasm = BundleFixtures.files("alice");
    wasm.put("kafka/policy.wasm", new byte[] {0, 'a', 's', 'm'});
    assertThatThrownBy(() -> reader(null).read(wasm, "test"))
        .hasMessageContaining("Wasm modules are not supported");
  }

  private static Map<String, byte[]> files() {
    return BundleFixtures.files("alice");
  }
}
