package dev.regard.rego.value;

/** JSON input that cannot be read, with the source name, line and column of the problem. */
public final class JsonFormatException extends IllegalArgumentException {
  private final String source;
  private final int line;
  private final int column;

  public JsonFormatException(String source, int line, int column, String cause) {
    super(source + ":" + line + ":" + column + ": invalid JSON: " + cause);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
