package dev.regard.rego.builtins;

/** OPA's units builtins. */
final class UnitsBuiltins {
  private UnitsBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
