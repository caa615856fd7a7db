package dev.regard.rego.builtins;

/** OPA's time builtins. */
final class TimeBuiltins {
  private TimeBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
