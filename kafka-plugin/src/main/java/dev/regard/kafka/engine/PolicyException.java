package dev.regard.kafka.engine;

/** A decision could not be made: the policy failed, timed out, or the OPA server did not answer. */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
