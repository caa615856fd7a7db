package dev.regard.rego.conformance;

/**
 * What running one conformance case gave.
 *
 * @param id the case id, {@code category/file.yaml#note}
 * @param category the case's category
 * @param outcome passed, failed or skipped
 * @param detail why it failed or was skipped; empty when it passed
 */
public record CaseResult(String id, String category, Outcome outcome, String detail) {

  /** The three ways a case can end. */
  public enum Outcome {
    PASS,
    FAIL,
    SKIP
  }

  static CaseResult pass(ConformanceCase c) {
    return new CaseResult(c.id(), c.category(), Outcome.PASS, "");
  }

  static CaseResult fail(ConformanceCase c, String detail) {
    return new CaseResult(c.id(), c.category(), Outcome.FAIL, detail);
  }

  static CaseResult skip(ConformanceCase c, String reason) {
    return new CaseResult(c.id(), c.category(), Outcome.SKIP, reason);
  }

  /** The detail on one line, short enough for a baseline file or a table. */
  public String oneLineDetail() {
    String flat = detail.replaceAll("\\s+", " ").trim();
    return flat.length() <= 200 ? flat : flat.substring(0, 197) + "...";
  }
}
