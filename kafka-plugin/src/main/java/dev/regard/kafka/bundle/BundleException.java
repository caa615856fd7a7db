package dev.regard.kafka.bundle;

/** A bundle could not be fetched, read, verified or compiled; the message names file and cause. */
public final class BundleException extends Exception {
  private static final long serialVersionUID = 1L;

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
