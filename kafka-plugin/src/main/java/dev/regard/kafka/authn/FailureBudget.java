package dev.regard.kafka.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * A refilling allowance by key (a user name, or one key for all): what is spent drains at {@code
 * refillPerMinute} a minute, and more may be spent while less than {@code capacity} is outstanding.
 * Spending may overdraw it; then nothing more until it has drained. Keys not seen for ten minutes
 * are forgotten, which leaves them with a full allowance; at most 100,000 keys are kept.
 */
final class FailureBudget {
  private record Level(double spent, long atMs) {}

  private final Clock clock;
  private final double capacity;
  private final double refillPerMinute;
  private final Cache<String, Level> levels =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  FailureBudget(Clock clock, double capacity, double refillPerMinute) {
    this.clock = clock;
    this.capacity = capacity;
    this.refillPerMinute = refillPerMinute;
  }

  /** Whether {@code key} may spend more. */
  boolean allows(String key) {
    Level level = levels.getIfPresent(key);
    return level == null || drained(level, clock.millis()) < capacity;
  }

  /** Spends {@code amount} for {@code key}. */
  void spend(String key, double amount) {
    long now = clock.millis();
    levels
        .asMap()
        .merge(
            key,
            new Level(amount, now),
            (old, fresh) -> new Level(drained(old, now) + amount, now));
  }

  /** What is still outstanding at {@code now}. */
  private double drained(Level level, long now) {
    return Math.max(0, level.spent() - (now - level.atMs()) * refillPerMinute / 60_000.0);
  }
}
