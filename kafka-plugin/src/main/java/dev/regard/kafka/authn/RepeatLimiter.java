package dev.regard.kafka.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Decides which of many log lines are written: the first of each distinct line per window, and no
 * more than a fixed number of lines per second in all, so a flood of failures cannot flood the log.
 * What is held back is counted and reported with the next line written.
 */
final class RepeatLimiter {
  /** Whether to write a line, and how many were held back before it. */
  record Verdict(boolean write, long heldBack) {}

  private record Seen(long sinceMs, long heldBack) {}

  private final Clock clock;
  private final long windowMs;
  private final int linesPerSecond;
  private final Cache<String, Seen> seen;
  private long secondStartMs;
  private int linesThisSecond;
  private long heldBackByRate;

  RepeatLimiter(Clock clock, Duration window, int linesPerSecond) {
    this.clock = clock;
    this.windowMs = window.toMillis();
    this.linesPerSecond = linesPerSecond;
    this.seen = Caffeine.newBuilder().maximumSize(10_000).build();
    this.secondStartMs = clock.millis();
  }

  synchronized Verdict admit(String line) {
    long now = clock.millis();
    Seen before = seen.getIfPresent(line);
    if (before != null && now - before.sinceMs() < windowMs) {
      seen.put(line, new Seen(before.sinceMs(), before.heldBack() + 1));
      return new Verdict(false, 0);
    }
    if (now - secondStartMs >= 1000) {
      secondStartMs = now;
      linesThisSecond = 0;
    }
    if (linesThisSecond >= linesPerSecond) {
      heldBackByRate++;
      return new Verdict(false, 0);
    }
    linesThisSecond++;
    long heldBack = (before == null ? 0 : before.heldBack()) + heldBackByRate;
    heldBackByRate = 0;
    seen.put(line, new Seen(now, 0));
    return new Verdict(true, heldBack);
  }
}
