package dev.regard.rego.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.testing.BundleSigner;
import dev.regard.testing.TarGzBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignedBundleTest {
  private static final String POLICY = "package kafka.authz\n\nallow if input.user == \"alice\"\n";
  private static final String MANIFEST = "{\"revision\":\"r1\",\"roots\":[\"kafka\"]}";
  private static final String DATA = "{\"kafka\":{\"admins\":[\"alice\"]}}";
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  private static KeyPair rsa;
  private static KeyPair otherRsa;
  private static KeyPair ec;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
    rsaGen.initialize(2048);
    rsa = rsaGen.generateKeyPair();
    otherRsa = rsaGen.generateKeyPair();
    KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
    ecGen.initialize(new ECGenParameterSpec("secp256r1"));
    ec = ecGen.generateKeyPair();
  }

  /** The three files of the bundle, as signed (already in canonical JSON form). */
  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(".manifest", MANIFEST);
    files.put("kafka/authz/policy.rego", POLICY);
    files.put("data.json", DATA);
    return files;
  }

  private static TarGzBuilder tarOf(Map<String, String> files, String signatures) {
    TarGzBuilder tar = new TarGzBuilder();
    files.forEach(tar::file);
    if (signatures != null) {
      tar.file("/.signatures.json", signatures);
    }
    return tar;
  }

  private static BundleReader rsaReader(KeyPair pair) {
    return BundleReader.create()
        .withVerification(
            VerificationConfig.of(
                "k1", new VerificationKey("RS256", BundleSigner.pem(pair.getPublic()), null)));
  }

  private static Bundle read(BundleReader reader, byte[] tarGz) {
    return reader.readTarGz(new ByteArrayInputStream(tarGz), "signed.tar.gz");
  }

  private static String rsaSignatures(Map<String, String> signed) {
    return BundleSigner.signatures(signed, "RS256", rsa.getPrivate(), "k1");
  }

  @Test
  void acceptsRs256SignedBundle() {
    byte[] tar = tarOf(files(), rsaSignatures(files())).build();
    Bundle b = read(rsaReader(rsa), tar);
    assertThat(b.signed()).isTrue();
    assertThat(b.revision()).isEqualTo("r1");
    assertThat(b.modules()).containsOnlyKeys("kafka/authz/policy.rego");
  }

  @Test
  void acceptsEs256SignedBundle() {
    String sig = BundleSigner.signatures(files(), "ES256", ec.getPrivate(), "ec");
    BundleReader reader =
        BundleReader.create()
            .withVerification(
                VerificationConfig.of(
                    "ec", new VerificationKey("ES256", BundleSigner.pem(ec.getPublic()), null)));
    assertThat(read(reader, tarOf(files(), sig).build()).signed()).isTrue();
  }

  @Test
  void acceptsHs256WithSharedSecret() {
    HmacKey key = new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8));
    String sig = BundleSigner.signatures(files(), "HS256", key, "shared");
    BundleReader reader =
        BundleReader.create()
            .withVerification(
                VerificationConfig.of("shared", new VerificationKey("HS256", SECRET, null)));
    assertThat(read(reader, tarOf(files(), sig).build()).signed()).isTrue();
  }

  @Test
  void keyIdFromJwtHeaderSelectsTheKey() {
    VerificationConfig config =
        new VerificationConfig(
            Map.of(
                "other", new VerificationKey("RS256", BundleSigner.pem(otherRsa.getPublic()), null),
                "k1", new VerificationKey("RS256", BundleSigner.pem(rsa.getPublic()), null)),
            null,
            null);
    byte[] tar = tarOf(files(), rsaSignatures(files())).build();
    assertThat(read(BundleReader.create().withVerification(config), tar).signed()).isTrue();
  }

  @Test
  void structuredFilesAreHashedInCanonicalForm() {
    Map<String, String> onDisk = files();
    onDisk.put("data.json", "{\n  \"kafka\" : { \"admins\" : [ \"alice\" ] }\n}\n");
    onDisk.put(".manifest", "{ \"roots\": [\"kafka\"], \"revision\": \"r1\" }");
    // Signed over the canonical text: sorted keys, no whitespace.
    byte[] tar = tarOf(onDisk, rsaSignatures(files())).build();
    assertThat(read(rsaReader(rsa), tar).revision()).isEqualTo("r1");
  }

  @Test
  void rejectsTamperedFile() {
    Map<String, String> tampered = files();
    tampered.put("kafka/authz/policy.rego", POLICY + "allow if true\n");
    byte[] tar = tarOf(tampered, rsaSignatures(files())).build();
    assertThatThrownBy(() -> read(rsaReader(rsa), tar))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("kafka/authz/policy.rego: digest does not match");
  }

  @Test
  void rejectsTamperedData() {
    Map<String, String> tampered = files();
    tampered.put("data.json", "{\"kafka\":{\"admins\":[\"alice\",\"mallory\"]}}");
    byte[] tar = tarOf(tampered, rsaSignatures(files())).build();
    assertThatThrownBy(() -> read(rsaReader(rsa), tar))
        .hasMessageContaining("data.json: digest does not match");
  }

  @Test
  void rejectsFileAddedAfterSigning() {
    Map<String, String> extra = files();
    extra.put("kafka/backdoor.rego", "package kafka.authz\nallow if true\n");
    byte[] tar = tarOf(extra, rsaSignatures(files())).build();
    assertThatThrownBy(() -> read(rsaReader(rsa), tar))
        .hasMessageContaining("kafka/backdoor.rego: file not included in the bundle signature");
  }

  @Test
  void rejectsSignedFileMissingFromBundle() {
    Map<String, String> fewer = files();
    fewer.remove("data.json");
    byte[] tar = tarOf(fewer, rsaSignatures(files())).build();
    assertThatThrownBy(() -> read(rsaReader(rsa), tar))
        .hasMessageContaining("files signed but not in the bundle: [data.json]");
  }

  @Test
  void rejectsSignatureFromAnotherKey() {
    byte[] tar = tarOf(files(), rsaSignatures(files())).build();
    assertThatThrownBy(() -> read(rsaReader(otherRsa), tar))
        .hasMessageContaining("signature verification failed");
  }

  @Test
  void rejectsAlgorithmSwitchToHmacWithThePublicKey() {
    // The classic confusion attack: HS256 keyed with the RSA public key's PEM text.
    String pem = BundleSigner.pem(rsa.getPublic());
    HmacKey forged = new HmacKey(pem.getBytes(StandardCharsets.UTF_8));
    String sig = BundleSigner.signatures(files(), "HS256", forged, "k1");
    byte[] tar = tarOf(files(), sig).build();
    assertThatThrownBy(() -> read(rsaReader(rsa), tar))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("invalid JWT");
  }

  @Test
  void rejectsSignedBundleWithoutConfiguredKey() {
    byte[] tar = tarOf(files(), rsaSignatures(files())).build();
    assertThatThrownBy(() -> read(BundleReader.create(), tar))
        .hasMessageContaining("bundle is signed but no verification key is configured");
  }

  @Test
  void rejectsUnsignedBundleWhenKeyConfigured() {
    byte[] tar = tarOf(files(), null).build();
    assertThatThrownBy(() -> read(rsaReader(rsa), tar))
        .hasMessageContaining("bundle is not signed");
  }

  @Test
  void rejectsUnknownKeyId() {
    String sig = BundleSigner.signatures(files(), "RS256", rsa.getPrivate(), "nobody");
    VerificationConfig config =
        new VerificationConfig(
            Map.of("k1", new VerificationKey("RS256", BundleSigner.pem(rsa.getPublic()), null)),
            null,
            null);
    byte[] tar = tarOf(files(), sig).build();
    assertThatThrownBy(() -> read(BundleReader.create().withVerification(config), tar))
        .hasMessageContaining("no verification key named 'nobody'");
  }

  @Test
  void scopeMustMatch() {
    BundleReader scoped =
        BundleReader.create()
            .withVerification(
                VerificationConfig.of(
                    "k1", new VerificationKey("RS256", BundleSigner.pem(rsa.getPublic()), "prod")));
    byte[] tar = tarOf(files(), rsaSignatures(files())).build();
    assertThatThrownBy(() -> read(scoped, tar)).hasMessageContaining("scope mismatch");
  }

  @Test
  void rejectsMoreThanOneJwt() {
    String one = BundleSigner.jwt("{\"files\":[]}", "RS256", rsa.getPrivate(), "k1");
    String sig = "{\"signatures\":[\"" + one + "\",\"" + one + "\"]}";
    byte[] tar = tarOf(files(), sig).build();
    assertThatThrownBy(() -> read(rsaReader(rsa), tar))
        .hasMessageContaining("expected exactly one JWT, found 2");
  }

  @Test
  void verificationKeyNeverShowsTheSecret() {
    assertThat(new VerificationKey("HS256", SECRET, null).toString()).doesNotContain(SECRET);
  }
}
