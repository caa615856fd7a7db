package dev.regard.triage.input;

/**
 * A findings file that cannot be read: names the file, the position and the cause.
 *
 * <p>Line and column are 1-based; 0 when the problem has no position (an empty file, say).
 */
public final class FindingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  /** Creates the exception; the message is prefixed with {@code file:line:column}. */
  public FindingsException(String file, int line, int column, String cause, Throwable source) {
    super(position(file, line, column) + ": " + cause, source);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** The file as given on the command line. */
  public String file() {
    return file;
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when unknown. */
  public int column() {
    return column;
  }

  private static String position(String file, int line, int column) {
    if (line <= 0) {
      return file;
    }
    return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
  }
}
