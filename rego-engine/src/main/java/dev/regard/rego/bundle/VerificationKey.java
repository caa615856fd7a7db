package dev.regard.rego.bundle;

import java.util.Set;

/**
 * A key trusted to sign bundles.
 *
 * @param algorithm the only JWS algorithm accepted with this key: RS256/384/512, PS256/384/512,
 *     ES256/384/512 (with a PEM public key or certificate) or HS256/384/512 (with a shared secret)
 * @param key a PEM {@code PUBLIC KEY} or {@code CERTIFICATE}, or the HMAC secret
 * @param scope the scope the signature must declare, or null for none
 */
public record VerificationKey(String algorithm, String key, String scope) {
  static final Set<String> ASYMMETRIC =
      Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
  static final Set<String> HMAC = Set.of("HS256", "HS384", "HS512");

  public VerificationKey {
    if (!ASYMMETRIC.contains(algorithm) && !HMAC.contains(algorithm)) {
      throw new IllegalArgumentException("unsupported signing algorithm: " + algorithm);
    }
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("verification key is empty");
    }
  }

  boolean isHmac() {
    return HMAC.contains(algorithm);
  }

  /** Never shows the key: an HMAC secret must not reach logs. */
  @Override
  public String toString() {
    return "VerificationKey[algorithm=" + algorithm + ", scope=" + scope + "]";
  }
}
