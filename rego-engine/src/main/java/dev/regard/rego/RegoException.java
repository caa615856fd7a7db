package dev.regard.rego;

import dev.regard.rego.ast.Location;
import java.util.List;
import java.util.stream.Collectors;

/** Parsing, compiling or evaluating Rego failed; {@link #errors()} says where and why. */
public class RegoException extends RuntimeException {
  private final List<RegoError> errors;

  public RegoException(List<RegoError> errors) {
    super(errors.stream().map(RegoError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a RegoException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public RegoException(String code, String message, Location location) {
    this(List.of(new RegoError(code, message, location)));
  }

  public List<RegoError> errors() {
    return errors;
  }

  /** The code of the first error. */
  public String code() {
    return errors.get(0).code();
  }
}
