package dev.regard.runtime;

import dev.regard.kafka.credentials.CredentialEntries;
import dev.regard.kafka.credentials.Pbkdf2Hash;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * The data the runtime adds to its own copy of the default bundle on every start, so that the
 * bundle alone decides who authenticates: the demo identities' credentials (hashes and SCRAM keys
 * derived from the generated passwords, never the passwords) under {@code data.kafka.credentials},
 * and its mutual-TLS controller listener under {@code data.kafka.authn.listeners}.
 */
final class RuntimeBundleData {
  /** The credentials file, relative to the bundle root. */
  static final String CREDENTIALS = "kafka/credentials/data.json";

  /** The controller listener's entry, relative to the bundle root. */
  static final String CONTROLLER_LISTENER =
      "kafka/authn/listeners/" + BrokerProperties.CONTROLLER_LISTENER + "/data.json";

  // Kafka's own default for SCRAM, within the 4096..16384 the credential parser accepts.
  private static final int SCRAM_ITERATIONS = 8192;

  private RuntimeBundleData() {}

  /** Writes both data files into {@code bundleDir}, replacing those of an earlier start. */
  static void write(Path bundleDir, DemoIdentities identities) {
    SecureRandom random = new SecureRandom();
    ObjectValue.Builder users = ObjectValue.builder();
    for (DemoIdentity id : identities.all()) {
      char[] password = identities.password(id).toCharArray();
      try {
        users.put(
            id.name(),
            CredentialEntries.of(
                password, Pbkdf2Hash.DEFAULT_ITERATIONS, SCRAM_ITERATIONS, random));
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    writeJson(bundleDir.resolve(CREDENTIALS), users.build());
    // The controller listener requires a client certificate, and only the node holds one of the
    // runtime's CA.
    Value mechanisms =
        ObjectValue.builder().put("mechanisms", Json.fromJava(List.of("SSL"))).build();
    writeJson(bundleDir.resolve(CONTROLLER_LISTENER), mechanisms);
  }

  /** Writes atomically, so the polling authorizer never reads half a file. */
  private static void writeJson(Path file, Value value) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".data", ".tmp");
      try {
        Secrets.restrictToOwner(tmp);
        Files.writeString(tmp, Json.writePretty(value) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new RuntimeFailure(
          "cannot write "
              + file
              + ": "
              + e.getMessage()
              + ". Fix: make the run folder writable, or choose another with --run-dir.",
          e);
    }
  }
}
