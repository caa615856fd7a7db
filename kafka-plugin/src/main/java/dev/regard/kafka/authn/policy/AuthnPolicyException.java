package dev.regard.kafka.authn.policy;

/** The policy could not answer: none is in force, it failed, or its data is malformed. */
public final class AuthnPolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuthnPolicyException(String message) {
    super(message);
  }

  public AuthnPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
