package dev.regard.rego.builtins;

/** OPA's comparison builtins. */
final class ComparisonBuiltins {
  private ComparisonBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
