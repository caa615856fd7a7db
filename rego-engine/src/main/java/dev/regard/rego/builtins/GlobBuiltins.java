package dev.regard.rego.builtins;

/** OPA's glob builtins. */
final class GlobBuiltins {
  private GlobBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
