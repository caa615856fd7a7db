package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;

/**
 * OPA's type checks: {@code is_x} tells whether a value has type {@code x}, and {@code type_name}.
 */
final class TypesBuiltins {
  private TypesBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    for (String type : new String[] {"number", "string", "boolean", "array", "set", "object"}) {
      addCheck(b, type);
    }
    addCheck(b, "null");
    b.add("type_name", fn(S, A), (ctx, a) -> StringValue.of(a[0].typeName()));
  }

  private static void addCheck(BuiltinRegistry.Builder b, String type) {
    b.add("is_" + type, fn(B, A), (ctx, a) -> is(a[0], type));
  }

  private static Value is(Value v, String type) {
    return BooleanValue.of(type.equals(v.typeName()));
  }
}
