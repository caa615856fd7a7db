package dev.regard.kafka.credentials;

import dev.regard.kafka.bundle.Bundle;
import dev.regard.kafka.bundle.BundleException;
import java.util.List;

/**
 * The validation step run on every bundle before it comes into force (see {@link
 * CredentialCheckingSource}): a bundle whose {@code kafka.credentials} holds a plaintext password
 * or a malformed entry is rejected, so the bundle in force stays.
 */
public final class CredentialBundleCheck {
  private CredentialBundleCheck() {}

  /** Throws when the bundle's credentials are unsound, naming every offending entry. */
  public static void check(Bundle bundle) throws BundleException {
    List<String> errors = CredentialParser.validate(bundle.data());
    if (!errors.isEmpty()) {
      throw new BundleException("data.json credentials refused: " + String.join("; ", errors));
    }
  }
}
