package dev.regard.rego.bundle;

/**
 * A bundle that cannot be loaded: unreadable, malformed, oversized, unsafe, or failing its
 * signature. The message names the file (and line, when known) and the cause; no part of the bundle
 * is used.
 */
public final class BundleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
