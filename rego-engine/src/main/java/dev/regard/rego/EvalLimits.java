package dev.regard.rego;

import java.time.Duration;
import java.util.Objects;

/**
 * Per query: a deadline and a step budget; exceeding either is a {@link RegoException} with code
 * {@code eval_cancel_error}.
 */
public record EvalLimits(Duration deadline, long maxSteps) {
  public static final EvalLimits DEFAULT = new EvalLimits(Duration.ofSeconds(1), 10_000_000);

  public EvalLimits {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive");
    }
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive");
    }
  }
}
