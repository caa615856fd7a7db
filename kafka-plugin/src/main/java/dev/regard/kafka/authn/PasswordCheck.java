package dev.regard.kafka.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.regard.kafka.credentials.Pbkdf2Hash;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks PLAIN passwords against stored PBKDF2 hashes so that wrong passwords cannot keep Kafka's
 * network threads hashing (see docs/authentication.md, "PLAIN under attack"):
 *
 * <ul>
 *   <li>A verified password is remembered per user as an HMAC-SHA-256 under a key drawn at random
 *       when the handler starts, together with the stored hash it matched. While that stored hash
 *       is in force, the right password is recognised and any other refused without hashing.
 *   <li>Otherwise a hash is spent only while the user's and the listener's failure allowances last;
 *       beyond them the attempt is refused at once, without hashing, as {@link Result#THROTTLED}.
 *       The allowances refill with time, and a remembered password is never throttled.
 * </ul>
 */
final class PasswordCheck {
  enum Result {
    RIGHT,
    WRONG,
    THROTTLED
  }

  /** Spent on unknown users too, so timing does not tell which users exist. */
  private static final Pbkdf2Hash DECOY =
      new Pbkdf2Hash(
          new byte[Pbkdf2Hash.MIN_SALT_BYTES],
          Pbkdf2Hash.DEFAULT_ITERATIONS,
          new byte[Pbkdf2Hash.HASH_BYTES]);

  private static final String ALL = "";

  private record Verified(Pbkdf2Hash stored, byte[] mac) {}

  private final SecretKeySpec key;
  private final Cache<String, Verified> verified;
  private final FailureBudget perUser;
  private final FailureBudget hashingMs;
  private final LongSupplier nanoTime;

  /**
   * @param clock drives the allowances' refill and the remembered passwords' expiry
   * @param nanoTime measures what a hash took
   * @param remembered how many users' verified passwords are kept; 0 keeps none
   * @param forgetAfter how long a remembered password is kept after its last use
   * @param userFailuresPerMinute wrong passwords of one user hashed, at once and per minute
   * @param hashingMsPerSecond milliseconds per second that hashing wrong passwords may take, with
   *     up to a second's worth at once
   */
  PasswordCheck(
      Clock clock,
      LongSupplier nanoTime,
      int remembered,
      Duration forgetAfter,
      int userFailuresPerMinute,
      int hashingMsPerSecond) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.verified =
        Caffeine.newBuilder()
            .maximumSize(remembered)
            .expireAfterAccess(forgetAfter)
            .ticker(() -> clock.millis() * 1_000_000)
            .build();
    this.perUser = new FailureBudget(clock, userFailuresPerMinute, userFailuresPerMinute);
    this.hashingMs = new FailureBudget(clock, 1000, hashingMsPerSecond * 60.0);
    this.nanoTime = nanoTime;
  }

  /**
   * @param stored the user's stored hash; empty for an unknown user, who is refused at the cost of
   *     a hash like a known one
   */
  Result check(String user, Optional<Pbkdf2Hash> stored, char[] password) {
    byte[] mac = mac(user, password);
    Verified known = stored.isPresent() ? verified.getIfPresent(user) : null;
    if (known != null && known.stored().equals(stored.get())) {
      return MessageDigest.isEqual(mac, known.mac()) ? Result.RIGHT : Result.WRONG;
    }
    if (!perUser.allows(user) || !hashingMs.allows(ALL)) {
      return Result.THROTTLED;
    }
    long start = nanoTime.getAsLong();
    boolean right = stored.orElse(DECOY).matches(password) && stored.isPresent();
    if (right) {
      verified.put(user, new Verified(stored.get(), mac));
      return Result.RIGHT;
    }
    perUser.spend(user, 1);
    hashingMs.spend(ALL, (nanoTime.getAsLong() - start) / 1e6);
    return Result.WRONG;
  }

  private byte[] mac(String user, char[] password) {
    ByteBuffer secret = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[secret.remaining()];
    secret.get(bytes);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      hmac.update(user.getBytes(StandardCharsets.UTF_8));
      hmac.update((byte) 0);
      return hmac.doFinal(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (secret.hasArray()) {
        Arrays.fill(secret.array(), (byte) 0);
      }
    }
  }
}
