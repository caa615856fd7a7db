package dev.regard.runtime;

/**
 * A start-up problem the operator can fix: the message names the cause and the fix, and the
 * launcher exits non-zero without a stack trace.
 */
public final class RuntimeFailure extends RuntimeException {
  public RuntimeFailure(String message) {
    super(message);
  }

  public RuntimeFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
