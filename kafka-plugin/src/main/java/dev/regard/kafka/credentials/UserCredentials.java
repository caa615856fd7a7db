package dev.regard.kafka.credentials;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

/**
 * What the bundle stores for one user: a PBKDF2 hash for PLAIN and SCRAM credentials per mechanism.
 * Never a password.
 */
public record UserCredentials(
    String user, Optional<Pbkdf2Hash> plain, Map<ScramMechanism, ScramCredential> scram) {
  public UserCredentials {
    scram = Map.copyOf(scram);
  }
}
