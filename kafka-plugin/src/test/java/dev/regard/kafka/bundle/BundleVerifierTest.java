package dev.regard.kafka.bundle;

import static dev.regard.kafka.bundle.BundleFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.testing.BundleSigner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleVerifierTest {
  @Test
  void acceptsABundleSignedWithTheConfiguredKey() throws Exception {
    BundleSigner signer = new BundleSigner();
    BundleReader reader =
        new BundleReader(Optional.of(BundleVerifier.of("RS256", signer.publicKeyPem())));
    Bundle bundle = reader.read(new BundleFiles(signer.sign(BundleFixtures.files("alice")), "r"));
    assertThat(bundle.modules()).containsKey("kafka/authz/policy.rego");
  }

  @Test
  void jsonIsDigestedInCanonicalFormSoReformattingKeepsTheSignatureValid() throws Exception {
    BundleSigner signer = new BundleSigner();
    Map<String, byte[]> signed = signer.sign(BundleFixtures.files("alice"));
    signed.put("kafka/authz/data.json", bytes("{ \"writers\" : [ \"alice\" ] }\n"));
    BundleVerifier.of("RS256", signer.publicKeyPem()).verify(signed);
  }

  @Test
  void refusesTamperedAddedMissingUnsignedAndForeignKeyBundles() throws Exception {
    BundleSigner signer = new BundleSigner();
    BundleVerifier verifier = BundleVerifier.of("RS256", signer.publicKeyPem());

    Map<String, byte[]> tampered = signer.sign(BundleFixtures.files("alice"));
    tampered.put("kafka/authz/data.json", bytes("{\"writers\":[\"alice\",\"mallory\"]}"));
    assertThatThrownBy(() -> verifier.verify(tampered))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("kafka/authz/data.json: digest does not match");

    Map<String, byte[]> added = signer.sign(BundleFixtures.files("alice"));
    added.put("kafka/authz/backdoor.rego", bytes("package kafka.authz\nallow := true\n"));
    assertThatThrownBy(() -> verifier.verify(added))
        .hasMessageContaining("backdoor.rego: not covered");

    Map<String, byte[]> missing = signer.sign(BundleFixtures.files("alice"));
    missing.remove("kafka/authz/data.json");
    assertThatThrownBy(() -> verifier.verify(missing))
        .hasMessageContaining("missing from the bundle");

    assertThatThrownBy(() -> verifier.verify(new LinkedHashMap<>(BundleFixtures.files("alice"))))
        .hasMessageContaining("not signed");

    Map<String, byte[]> foreign = new BundleSigner().sign(BundleFixtures.files("alice"));
    assertThatThrownBy(() -> verifier.verify(foreign)).hasMessageContaining("signature");
  }

  @Test
  void aKeyThatIsNotAPublicKeyIsAClearConfigurationError() {
    assertThatThrownBy(() -> BundleVerifier.of("RS256", "not a key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PEM public key");
  }
}
