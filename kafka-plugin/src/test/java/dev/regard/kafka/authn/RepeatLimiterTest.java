package dev.regard.kafka.authn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authn.jwt.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RepeatLimiterTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void anIdenticalLineIsWrittenOncePerWindowWithTheCountHeldBack() {
    RepeatLimiter limiter = new RepeatLimiter(clock, Duration.ofMinutes(1), 50);
    assertThat(limiter.admit("a")).isEqualTo(new RepeatLimiter.Verdict(true, 0));
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.admit("a").write()).isFalse();
    }
    assertThat(limiter.admit("b").write()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.admit("a")).isEqualTo(new RepeatLimiter.Verdict(true, 5));
  }

  @Test
  void distinctLinesAreCappedPerSecond() {
    RepeatLimiter limiter = new RepeatLimiter(clock, Duration.ofMinutes(1), 3);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.admit("line " + i).write()).isTrue();
    }
    assertThat(limiter.admit("line 3").write()).isFalse();
    assertThat(limiter.admit("line 4").write()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.admit("line 5")).isEqualTo(new RepeatLimiter.Verdict(true, 2));
  }
}
