package dev.regard.threatmodel;

/**
 * One step of the discovery chain: a document that led to another.
 *
 * @param from the document holding the link, relative to the repository root; empty for the start
 * @param line the 1-based line of the link in {@code from}, or 0 when none
 * @param to the document reached
 * @param how how it was reached, e.g. {@code link 'Core model'} or {@code path}
 */
public record ChainStep(String from, int line, String to, String how) {

  public ChainStep {
    from = from == null ? "" : from;
    how = how == null ? "" : how;
  }

  /** The step as one line, e.g. {@code SECURITY.md -> docs/model.md (link 'model', line 7)}. */
  public String describe() {
    if (from.isEmpty()) {
      return how.isEmpty() || how.equals("repository root")
          ? "repository root -> " + to
          : how + ": " + to;
    }
    if (how.startsWith("found at")) {
      return to + " " + how + " " + from;
    }
    return from + " -> " + to + " (" + how + (line > 0 ? ", line " + line : "") + ")";
  }
}
