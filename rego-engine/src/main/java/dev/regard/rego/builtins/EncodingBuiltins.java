package dev.regard.rego.builtins;

/** OPA's encoding builtins. */
final class EncodingBuiltins {
  private EncodingBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
