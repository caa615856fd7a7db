package dev.regard.rego.testing;

import dev.regard.rego.ast.Location;
import java.time.Duration;

/**
 * The outcome of one {@code test_} rule.
 *
 * @param ref the rule, e.g. {@code data.kafka.authz_test.test_admin_may_alter}
 * @param location where the rule is defined
 * @param status passed, failed, errored or skipped
 * @param message for a failure, what the rule gave; for an error, the error; otherwise empty
 * @param duration how long evaluation took
 */
public record TestResult(
    String ref, Location location, Status status, String message, Duration duration) {

  /** As {@code opa test} reports tests. */
  public enum Status {
    PASS,
    FAIL,
    ERROR,
    SKIPPED
  }

  /** {@code file:line}, or the ref when the location is unknown. */
  public String where() {
    return location == null ? ref : location.file() + ":" + location.line();
  }
}
