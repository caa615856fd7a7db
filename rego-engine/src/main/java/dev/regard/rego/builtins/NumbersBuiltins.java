package dev.regard.rego.builtins;

/** OPA's numbers builtins. */
final class NumbersBuiltins {
  private NumbersBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
