package dev.regard.rego.builtins;

/** OPA's regex builtins. */
final class RegexBuiltins {
  private RegexBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
