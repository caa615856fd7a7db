package dev.regard.rego.builtins;

/** OPA's sets builtins. */
final class SetsBuiltins {
  private SetsBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
