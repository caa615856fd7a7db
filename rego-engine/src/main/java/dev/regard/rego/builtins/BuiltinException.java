package dev.regard.rego.builtins;

/**
 * A builtin failed. {@link Kind#TYPE} becomes OPA's {@code eval_type_error}; {@link Kind#BUILTIN}
 * becomes {@code eval_builtin_error}. The message is OPA's, without the builtin's name.
 */
public final class BuiltinException extends RuntimeException {
  /** Error categories, named as OPA names them. */
  public enum Kind {
    TYPE("eval_type_error"),
    BUILTIN("eval_builtin_error");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Kind kind;

  public BuiltinException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public static BuiltinException typeError(String message) {
    return new BuiltinException(Kind.TYPE, message);
  }

  public static BuiltinException error(String message) {
    return new BuiltinException(Kind.BUILTIN, message);
  }

  public Kind kind() {
    return kind;
  }
}
