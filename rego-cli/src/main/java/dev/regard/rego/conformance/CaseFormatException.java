package dev.regard.rego.conformance;

/** A test-case file that does not follow OPA's format; the message names the file and place. */
public final class CaseFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CaseFormatException(String message) {
    super(message);
  }
}
