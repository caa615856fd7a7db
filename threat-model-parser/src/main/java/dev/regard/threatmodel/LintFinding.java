package dev.regard.threatmodel;

/**
 * One problem {@link Lint} found in a threat model.
 *
 * @param severity {@code "error"} or {@code "warning"}
 * @param message what is wrong and what would fix it
 * @param source where
 */
public record LintFinding(String severity, String message, SourceRef source) {

  public static final String ERROR = "error";
  public static final String WARNING = "warning";
}
