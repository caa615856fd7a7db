package dev.regard.rego.builtins;

/** OPA's strings builtins. */
final class StringsBuiltins {
  private StringsBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
