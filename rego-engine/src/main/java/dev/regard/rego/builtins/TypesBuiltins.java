package dev.regard.rego.builtins;

/** OPA's types builtins. */
final class TypesBuiltins {
  private TypesBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
