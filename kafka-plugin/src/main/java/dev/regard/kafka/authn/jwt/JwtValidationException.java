package dev.regard.kafka.authn.jwt;

/** A token was refused; the message says why without quoting the token. */
public final class JwtValidationException extends Exception {
  private static final long serialVersionUID = 1L;

  public JwtValidationException(String message) {
    super(message);
  }

  public JwtValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
