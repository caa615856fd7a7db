package dev.regard.rego;

import dev.regard.rego.ast.Location;

/**
 * One error found while parsing, compiling or evaluating Rego. {@code code} is OPA's error code
 * such as {@code rego_parse_error} or {@code eval_conflict_error}; {@code location} may be null.
 */
public record RegoError(String code, String message, Location location) {
  /** As OPA prints it: {@code file:line: code: message}. */
  @Override
  public String toString() {
    if (location == null) {
      return code + ": " + message;
    }
    return location.file() + ":" + location.line() + ": " + code + ": " + message;
  }
}
