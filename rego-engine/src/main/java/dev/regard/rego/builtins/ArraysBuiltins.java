package dev.regard.rego.builtins;

/** OPA's arrays builtins. */
final class ArraysBuiltins {
  private ArraysBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
