package dev.regard.rego.ast;

/** A position in Rego source: file name, 1-based line and 1-based column. */
public record Location(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
