package dev.regard.threatmodel;

/** Bad input: a threat model, security policy or rules document that cannot be read as given. */
public class ThreatModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /**
   * @param file the file at fault, as given
   * @param line the 1-based line, or 0 if unknown
   * @param cause what is wrong, in words
   */
  public ThreatModelException(String file, int line, String cause) {
    super(format(file, line, cause));
    this.file = file;
    this.line = line;
  }

  /** As {@link #ThreatModelException(String, int, String)}, keeping the underlying error. */
  public ThreatModelException(String file, int line, String cause, Throwable underlying) {
    super(format(file, line, cause), underlying);
    this.file = file;
    this.line = line;
  }

  /** The file at fault. */
  public String file() {
    return file;
  }

  /** The 1-based line at fault, or 0 if unknown. */
  public int line() {
    return line;
  }

  private static String format(String file, int line, String cause) {
    return (line > 0 ? file + ":" + line : file) + ": " + cause;
  }
}
