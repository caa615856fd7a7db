package dev.regard.kafka.credentials;

import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

/** Writes credential entries in the format {@link CredentialParser} reads. */
public final class CredentialEntries {
  private CredentialEntries() {}

  /** A user's entry with a PBKDF2 hash and both SCRAM credentials, derived from one password. */
  public static ObjectValue of(
      char[] password, int pbkdf2Iterations, int scramIterations, SecureRandom random) {
    Pbkdf2Hash hash = Pbkdf2Hash.create(password, pbkdf2Iterations, random);
    return ObjectValue.builder()
        .put(
            CredentialParser.PBKDF2,
            ObjectValue.builder()
                .put("salt", b64(hash.salt()))
                .put("iterations", NumberValue.of(hash.iterations()))
                .put("hash", b64(hash.hash()))
                .build())
        .put("scram_sha_256", scram(ScramMechanism.SCRAM_SHA_256, password, scramIterations))
        .put("scram_sha_512", scram(ScramMechanism.SCRAM_SHA_512, password, scramIterations))
        .build();
  }

  /**
   * One SCRAM credential as Kafka derives it (RFC 5802: salted password, stored and server key).
   */
  public static ObjectValue scram(ScramMechanism mechanism, char[] password, int iterations) {
    ScramCredential credential;
    try {
      credential =
          new ScramFormatter(mechanism).generateCredential(new String(password), iterations);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(mechanism.hashAlgorithm() + " is not available", e);
    }
    return ObjectValue.builder()
        .put("salt", b64(credential.salt()))
        .put("iterations", NumberValue.of(credential.iterations()))
        .put("stored_key", b64(credential.storedKey()))
        .put("server_key", b64(credential.serverKey()))
        .build();
  }

  private static StringValue b64(byte[] bytes) {
    return StringValue.of(Base64.getEncoder().encodeToString(bytes));
  }
}
