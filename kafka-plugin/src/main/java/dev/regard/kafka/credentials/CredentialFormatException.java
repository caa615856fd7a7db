package dev.regard.kafka.credentials;

/** A credential entry in the bundle's data is malformed or holds a plaintext password. */
public final class CredentialFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public CredentialFormatException(String message) {
    super(message);
  }
}
