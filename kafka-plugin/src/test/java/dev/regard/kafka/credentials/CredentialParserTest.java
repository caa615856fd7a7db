package dev.regard.kafka.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleException;
import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.security.SecureRandom;
import java.util.Map;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.junit.jupiter.api.Test;

class CredentialParserTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void hashesVerifyTheRightPasswordOnly() {
    Pbkdf2Hash hash = Pbkdf2Hash.create("s3cret".toCharArray(), Pbkdf2Hash.MIN_ITERATIONS, RANDOM);
    assertThat(hash.matches("s3cret".toCharArray())).isTrue();
    assertThat(hash.matches("s3cret ".toCharArray())).isFalse();
    assertThat(hash.matches("".toCharArray())).isFalse();
    assertThat(hash.hash()).hasSize(64);
    assertThat(hash.salt()).hasSize(16);
  }

  @Test
  void sameSettingsDeriveTheSameKeyAndSaltsDiffer() {
    Pbkdf2Hash a = Pbkdf2Hash.create("pw".toCharArray(), 10_000, RANDOM);
    Pbkdf2Hash b = Pbkdf2Hash.create("pw".toCharArray(), 10_000, RANDOM);
    assertThat(a.salt()).isNotEqualTo(b.salt());
    assertThat(Pbkdf2Hash.derive("pw".toCharArray(), a.salt(), 10_000)).isEqualTo(a.hash());
  }

  @Test
  void entriesWrittenByCredentialEntriesParseBack() throws Exception {
    ObjectValue entry = CredentialEntries.of("pw".toCharArray(), 10_000, 4096, RANDOM);
    UserCredentials parsed = CredentialParser.parse("alice", entry, "kafka.credentials.alice");
    assertThat(parsed.plain())
        .get()
        .satisfies(h -> assertThat(h.matches("pw".toCharArray())).isTrue());
    assertThat(parsed.scram())
        .containsOnlyKeys(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512);
    ScramCredential sha512 = parsed.scram().get(ScramMechanism.SCRAM_SHA_512);
    ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
    byte[] salted = formatter.saltedPassword("pw", sha512.salt(), sha512.iterations());
    assertThat(formatter.storedKey(formatter.clientKey(salted))).isEqualTo(sha512.storedKey());
    assertThat(formatter.serverKey(salted)).isEqualTo(sha512.serverKey());
  }

  @Test
  void plaintextPasswordsAreRefused() {
    assertRefused("\"hunter2\"", "plaintext password");
    assertRefused(
        "{\"password\": \"hunter2\"}", "kafka.credentials.alice.password: a plaintext password");
    assertRefused(
        "{\"pbkdf2_sha512\": {\"salt\": \"AAAAAAAAAAAAAAAAAAAAAA==\", \"iterations\": 10000, \"hash\": \"x\", \"password\": \"p\"}}",
        "pbkdf2_sha512.password: a plaintext password");
  }

  @Test
  void malformedEntriesAreRefusedWithTheirPath() {
    assertRefused("[]", "kafka.credentials.alice must be an object, not array");
    assertRefused("{\"md5\": {}}", "kafka.credentials.alice.md5: unknown member");
    assertRefused("{\"pbkdf2_sha512\": 3}", "pbkdf2_sha512 must be an object");
    assertRefused(
        "{\"pbkdf2_sha512\": {\"salt\": \"!!\", \"iterations\": 10000, \"hash\": \"AA==\"}}",
        "pbkdf2_sha512.salt is not valid base64");
    assertRefused(
        "{\"pbkdf2_sha512\": {\"salt\": \"AAAA\", \"iterations\": 10000, \"hash\": \"AA==\"}}",
        "salt must be at least 16 bytes");
    assertRefused(
        "{\"pbkdf2_sha512\": {\"salt\": \"AAAAAAAAAAAAAAAAAAAAAA==\", \"iterations\": 10, \"hash\": \""
            + b64(64)
            + "\"}}",
        "iterations must be between 10000 and 5000000, not 10");
    assertRefused(
        "{\"pbkdf2_sha512\": {\"salt\": \"AAAAAAAAAAAAAAAAAAAAAA==\", \"iterations\": 1.5, \"hash\": \""
            + b64(64)
            + "\"}}",
        "iterations must be a positive integer");
    assertRefused(
        "{\"pbkdf2_sha512\": {\"salt\": \"AAAAAAAAAAAAAAAAAAAAAA==\", \"hash\": \""
            + b64(64)
            + "\"}}",
        "pbkdf2_sha512.iterations is missing");
    assertRefused(
        "{\"scram_sha_256\": {\"salt\": \"AAAA\", \"iterations\": 1000, \"stored_key\": \""
            + b64(32)
            + "\", \"server_key\": \""
            + b64(32)
            + "\"}}",
        "scram_sha_256.iterations must be between 4096 and 16384, not 1000");
    assertRefused(
        "{\"scram_sha_512\": {\"salt\": \"AAAA\", \"iterations\": 4096, \"stored_key\": \""
            + b64(32)
            + "\", \"server_key\": \""
            + b64(32)
            + "\"}}",
        "must be 64 bytes each");
  }

  @Test
  void bundleCheckRejectsABundleWithAnyBadEntryAndNamesEach() {
    ObjectValue data =
        (ObjectValue)
            Json.parse(
                "{\"kafka\": {\"credentials\": {\"alice\": \"pw\", \"bob\": {\"x\": 1},"
                    + " \"carol\": "
                    + Json.write(CredentialEntries.of("pw".toCharArray(), 10_000, 4096, RANDOM))
                    + "}}}");
    assertThat(CredentialParser.validate(data)).hasSize(2);
    Bundle bundle = bundleWith(data);
    assertThatThrownBy(() -> CredentialBundleCheck.check(bundle))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("kafka.credentials.alice is a string")
        .hasMessageContaining("kafka.credentials.bob.x: unknown member")
        .hasMessageNotContaining("carol");
  }

  @Test
  void bundleCheckAcceptsBundlesWithoutCredentials() throws Exception {
    CredentialBundleCheck.check(bundleWith((ObjectValue) Json.parse("{\"kafka\": {}}")));
    assertThat(CredentialParser.validate(ObjectValue.EMPTY)).isEmpty();
    assertThat(
            CredentialParser.validate(
                (ObjectValue) Json.parse("{\"kafka\": {\"credentials\": []}}")))
        .containsExactly("kafka.credentials must be an object, not array");
  }

  /** A bundle read by rego-engine's reader whose one data file holds {@code data}. */
  private static Bundle bundleWith(ObjectValue data) {
    return BundleReader.create()
        .read(
            Map.of("data.json", Json.write(data).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "test");
  }

  private static String b64(int bytes) {
    return java.util.Base64.getEncoder().encodeToString(new byte[bytes]);
  }

  private static void assertRefused(String entryJson, String message) {
    assertThatThrownBy(
            () -> CredentialParser.parse("alice", Json.parse(entryJson), "kafka.credentials.alice"))
        .isInstanceOf(CredentialFormatException.class)
        .hasMessageContaining(message);
  }
}
