package dev.regard.kafka.credentials;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, stretched password hash: PBKDF2 with HMAC-SHA-512 (the JDK's {@code
 * PBKDF2WithHmacSHA512}), a per-user salt and iteration count, a 512-bit derived key.
 *
 * @param salt at least 16 bytes
 * @param iterations between {@link #MIN_ITERATIONS} and {@link #MAX_ITERATIONS}
 * @param hash the 64-byte derived key
 */
public record Pbkdf2Hash(byte[] salt, int iterations, byte[] hash) {
  /** The cost below which a stored hash is refused: brute force must stay expensive. */
  public static final int MIN_ITERATIONS = 10_000;

  /** The cost above which a stored hash is refused: one login must not stall a network thread. */
  public static final int MAX_ITERATIONS = 5_000_000;

  /** The cost of new hashes, as OWASP recommends for PBKDF2-HMAC-SHA512. */
  public static final int DEFAULT_ITERATIONS = 210_000;

  public static final int MIN_SALT_BYTES = 16;
  public static final int HASH_BYTES = 64;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA512";

  public Pbkdf2Hash {
    salt = salt.clone();
    hash = hash.clone();
  }

  /** Hashes a password with a fresh random salt. */
  public static Pbkdf2Hash create(char[] password, int iterations, SecureRandom random) {
    byte[] salt = new byte[MIN_SALT_BYTES];
    random.nextBytes(salt);
    return new Pbkdf2Hash(salt, iterations, derive(password, salt, iterations));
  }

  /** Whether the password matches, compared in constant time. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pbkdf2Hash other
        && iterations == other.iterations
        && Arrays.equals(salt, other.salt)
        && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(salt) + iterations) + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "Pbkdf2Hash[iterations=" + iterations + "]";
  }
}
