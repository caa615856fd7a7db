package dev.regard.kafka.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * A refilling allowance of failures by key (a user name, or one key for all): {@code perMinute} at
 * most at once, refilled continuously at {@code perMinute} a minute. Keys not seen for ten minutes
 * are forgotten, which leaves them with a full allowance; at most 100,000 keys are kept.
 */
final class FailureBudget {
  private record Level(double failures, long atMs) {}

  private final Clock clock;
  private final double perMinute;
  private final Cache<String, Level> levels =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  FailureBudget(Clock clock, int perMinute) {
    this.clock = clock;
    this.perMinute = perMinute;
  }

  /** Whether another failure of {@code key} still fits. */
  boolean allows(String key) {
    Level level = levels.getIfPresent(key);
    return level == null || drained(level, clock.millis()) + 1 <= perMinute;
  }

  /** Counts one failure of {@code key}. */
  void spend(String key) {
    long now = clock.millis();
    levels
        .asMap()
        .merge(
            key,
            new Level(1, now),
            (old, one) -> new Level(Math.min(perMinute, drained(old, now) + 1), now));
  }

  /** The failures still counted at {@code now}: each minute forgets {@code perMinute} of them. */
  private double drained(Level level, long now) {
    return Math.max(0, level.failures() - (now - level.atMs()) * perMinute / 60_000.0);
  }
}
