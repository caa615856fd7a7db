package dev.regard.kafka.credentials;

import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleException;
import java.util.List;

/**
 * A step of the activation gate every bundle passes before it comes into force: a bundle whose
 * {@code kafka.credentials} holds a plaintext password or a malformed entry is rejected, so the
 * bundle in force stays.
 */
public final class CredentialBundleCheck {
  private CredentialBundleCheck() {}

  /** Throws when the bundle's credentials are unsound, naming every offending entry. */
  public static void check(Bundle bundle) {
    List<String> errors = CredentialParser.validate(bundle.data());
    if (!errors.isEmpty()) {
      throw new BundleException("data.json credentials refused: " + String.join("; ", errors));
    }
  }
}
