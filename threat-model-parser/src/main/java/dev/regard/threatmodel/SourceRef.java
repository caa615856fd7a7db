package dev.regard.threatmodel;

/**
 * Where a rule or section comes from.
 *
 * @param file the file path as given (relative to the repository root when discovered)
 * @param section the heading text of the enclosing section; empty before the first heading
 * @param line the 1-based line, or 0 if unknown
 */
public record SourceRef(String file, String section, int line) {

  public SourceRef {
    file = file == null ? "" : file;
    section = section == null ? "" : section;
  }

  /** {@code file:line (section)}, for messages. */
  @Override
  public String toString() {
    return file + ":" + line + (section.isEmpty() ? "" : " (" + section + ")");
  }
}
