package dev.regard.rego.builtins;

import java.util.Objects;

/**
 * A builtin function: its Rego name (for example {@code "strings.replace_n"}), the number of
 * arguments it takes, and its implementation.
 *
 * <p>A relation (only {@code walk}) returns a set or array of outputs, and the evaluator binds the
 * output to each in turn.
 */
public record Builtin(String name, int arity, BuiltinFunction function, boolean relation) {
  public Builtin {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    if (arity < 0) {
      throw new IllegalArgumentException("negative arity for " + name);
    }
  }

  public static Builtin of(String name, int arity, BuiltinFunction function) {
    return new Builtin(name, arity, function, false);
  }
}
