package dev.regard.rego.builtins;

import dev.regard.rego.types.Type;
import dev.regard.rego.types.Types;
import java.util.Objects;

/**
 * A builtin function: its Rego name (for example {@code "strings.replace_n"}), its signature (the
 * types of its arguments and result, as OPA declares them; the type checker checks calls against
 * it), and its implementation.
 *
 * <p>A relation (only {@code walk}) returns a set or array of outputs, and the evaluator binds the
 * output to each in turn.
 */
public record Builtin(String name, Type.Function type, BuiltinFunction function, boolean relation) {
  public Builtin {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(function, "function");
  }

  /** A builtin whose arguments and result may be of any type. */
  public static Builtin of(String name, int arity, BuiltinFunction function) {
    if (arity < 0) {
      throw new IllegalArgumentException("negative arity for " + name);
    }
    return new Builtin(name, Types.untyped(arity), function, false);
  }

  public static Builtin of(String name, Type.Function type, BuiltinFunction function) {
    return new Builtin(name, type, function, false);
  }

  public int arity() {
    return type.arity();
  }
}
