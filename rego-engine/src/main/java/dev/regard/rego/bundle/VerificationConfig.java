package dev.regard.rego.bundle;

import java.util.Map;

/**
 * How signed bundles are checked, as OPA's {@code keys} and {@code signing} configuration.
 *
 * @param keys trusted keys by id
 * @param keyId the id of the key to use; when null the JWT's {@code kid} header decides
 * @param scope the scope every signature must declare; when null the key's own scope is used
 */
public record VerificationConfig(Map<String, VerificationKey> keys, String keyId, String scope) {

  public VerificationConfig {
    keys = Map.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no verification keys configured");
    }
  }

  /** One key, used whatever the JWT's {@code kid} says. */
  public static VerificationConfig of(String keyId, VerificationKey key) {
    return new VerificationConfig(Map.of(keyId, key), keyId, null);
  }
}
