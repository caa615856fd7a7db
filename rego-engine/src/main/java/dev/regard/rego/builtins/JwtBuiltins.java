package dev.regard.rego.builtins;

/** OPA's jwt builtins. */
final class JwtBuiltins {
  private JwtBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
