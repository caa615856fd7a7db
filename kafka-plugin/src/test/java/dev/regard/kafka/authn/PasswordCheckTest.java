package dev.regard.kafka.authn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authn.jwt.MutableClock;
import dev.regard.kafka.credentials.Pbkdf2Hash;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PLAIN password check: a remembered password is recognised and any other refused without a
 * hash; beyond the failure allowances attempts are refused without a hash, the allowances refill
 * with time, and a remembered password is never throttled. A hash's cost is made visible by a low
 * iteration count and an injected clock; nothing sleeps.
 */
class PasswordCheckTest {
  private static final Pbkdf2Hash ALICE =
      Pbkdf2Hash.create(
          "alice-secret".toCharArray(), Pbkdf2Hash.MIN_ITERATIONS, new SecureRandom());

  private final MutableClock clock = new MutableClock();

  /** A fake stopwatch: every hash appears to take 100 ms, whatever it really took. */
  private long fakeNanos;

  private PasswordCheck check(int userPerMinute, int hashingMsPerSecond) {
    return new PasswordCheck(
        clock,
        () -> fakeNanos += 100_000_000L,
        100,
        Duration.ofHours(1),
        userPerMinute,
        hashingMsPerSecond);
  }

  @Test
  void theRightPasswordIsAdmittedAndAWrongOneRefused() {
    PasswordCheck check = check(5, 20);
    assertThat(check.check("alice", Optional.of(ALICE), "wrong".toCharArray()))
        .isEqualTo(PasswordCheck.Result.WRONG);
    assertThat(check.check("alice", Optional.of(ALICE), "alice-secret".toCharArray()))
        .isEqualTo(PasswordCheck.Result.RIGHT);
    assertThat(check.check("nobody", Optional.empty(), "alice-secret".toCharArray()))
        .isEqualTo(PasswordCheck.Result.WRONG);
  }

  @Test
  void beyondTheUsersAllowanceAttemptsAreThrottledUntilItRefills() {
    PasswordCheck check = check(2, 1000);
    for (int i = 0; i < 2; i++) {
      assertThat(check.check("bob", Optional.of(ALICE), ("guess" + i).toCharArray()))
          .isEqualTo(PasswordCheck.Result.WRONG);
    }
    assertThat(check.check("bob", Optional.of(ALICE), "guess".toCharArray()))
        .isEqualTo(PasswordCheck.Result.THROTTLED);
    // Another user is not affected by bob's failures.
    assertThat(check.check("alice", Optional.of(ALICE), "alice-secret".toCharArray()))
        .isEqualTo(PasswordCheck.Result.RIGHT);
    clock.advance(Duration.ofSeconds(30));
    assertThat(check.check("bob", Optional.of(ALICE), "guess".toCharArray()))
        .isEqualTo(PasswordCheck.Result.WRONG);
  }

  @Test
  void theListenersHashingTimeCoversUnknownUsersAndRefills() {
    // 100 ms a hash against a second's worth at once: ten hashes, then none until it drains.
    PasswordCheck check = check(100, 10);
    for (int i = 0; i < 10; i++) {
      assertThat(check.check("user" + i, Optional.empty(), "x".toCharArray()))
          .isEqualTo(PasswordCheck.Result.WRONG);
    }
    assertThat(check.check("user9", Optional.empty(), "x".toCharArray()))
        .isEqualTo(PasswordCheck.Result.THROTTLED);
    assertThat(check.check("alice", Optional.of(ALICE), "alice-secret".toCharArray()))
        .as("a password never verified is throttled too while the allowance is spent")
        .isEqualTo(PasswordCheck.Result.THROTTLED);
    clock.advance(Duration.ofSeconds(10));
    assertThat(check.check("alice", Optional.of(ALICE), "alice-secret".toCharArray()))
        .isEqualTo(PasswordCheck.Result.RIGHT);
  }

  @Test
  void aRememberedPasswordIsNeverThrottledAndOtherPasswordsAreRefusedWithoutHashing() {
    PasswordCheck check = check(1, 1);
    assertThat(check.check("alice", Optional.of(ALICE), "alice-secret".toCharArray()))
        .isEqualTo(PasswordCheck.Result.RIGHT);
    for (int i = 0; i < 50; i++) {
      // WRONG, not THROTTLED: recognised as not the remembered password, so no hash was spent.
      assertThat(check.check("alice", Optional.of(ALICE), ("guess" + i).toCharArray()))
          .isEqualTo(PasswordCheck.Result.WRONG);
    }
    check.check("nobody", Optional.empty(), "x".toCharArray());
    assertThat(check.check("alice", Optional.of(ALICE), "alice-secret".toCharArray()))
        .isEqualTo(PasswordCheck.Result.RIGHT);
  }

  @Test
  void aChangedStoredHashForgetsTheRememberedPassword() {
    PasswordCheck check = check(5, 20);
    check.check("alice", Optional.of(ALICE), "alice-secret".toCharArray());
    Pbkdf2Hash changed =
        Pbkdf2Hash.create(
            "new-secret".toCharArray(), Pbkdf2Hash.MIN_ITERATIONS, new SecureRandom());
    assertThat(check.check("alice", Optional.of(changed), "alice-secret".toCharArray()))
        .isEqualTo(PasswordCheck.Result.WRONG);
    assertThat(check.check("alice", Optional.of(changed), "new-secret".toCharArray()))
        .isEqualTo(PasswordCheck.Result.RIGHT);
  }
}
