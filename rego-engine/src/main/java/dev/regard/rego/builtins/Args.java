package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;

/**
 * Typed access to builtin arguments. A wrong type raises OPA's operand error, for example {@code
 * operand 1 must be string but got number}.
 */
public final class Args {
  private Args() {}

  public static String string(Value[] args, int i) {
    return cast(args, i, StringValue.class, "string").value();
  }

  public static NumberValue number(Value[] args, int i) {
    return cast(args, i, NumberValue.class, "number");
  }

  public static boolean bool(Value[] args, int i) {
    return cast(args, i, BooleanValue.class, "boolean").value();
  }

  public static ArrayValue array(Value[] args, int i) {
    return cast(args, i, ArrayValue.class, "array");
  }

  public static ObjectValue object(Value[] args, int i) {
    return cast(args, i, ObjectValue.class, "object");
  }

  public static SetValue set(Value[] args, int i) {
    return cast(args, i, SetValue.class, "set");
  }

  /**
   * Checks that argument {@code i} has one of the named types ({@code "string"}, {@code "set"},
   * ...), listed in the order OPA lists them in its message.
   */
  public static Value oneOf(Value[] args, int i, String... typeNames) {
    Value v = args[i];
    for (String t : typeNames) {
      if (t.equals(v.typeName())) {
        return v;
      }
    }
    throw operandError(i, "one of {" + String.join(", ", typeNames) + "}", v);
  }

  private static <T extends Value> T cast(Value[] args, int i, Class<T> type, String typeName) {
    Value v = args[i];
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    throw operandError(i, typeName, v);
  }

  /** OPA's operand type error; {@code i} is zero-based, the message counts from one. */
  public static BuiltinException operandError(int i, String expected, Value got) {
    return BuiltinException.typeError(
        "operand " + (i + 1) + " must be " + expected + " but got " + got.typeName());
  }
}
