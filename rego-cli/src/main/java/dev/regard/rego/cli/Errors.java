package dev.regard.rego.cli;

import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import java.util.stream.Collectors;

/** Error text for people: Rego errors as {@code file:line: code: message}, one per line. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    if (e instanceof RegoException re && !re.errors().isEmpty()) {
      return re.errors().stream().map(RegoError::toString).collect(Collectors.joining("\n"));
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
