package dev.regard.rego.builtins;

/** OPA's aggregates builtins. */
final class AggregatesBuiltins {
  private AggregatesBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
