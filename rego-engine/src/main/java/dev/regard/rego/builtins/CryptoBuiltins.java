package dev.regard.rego.builtins;

/** OPA's crypto builtins. */
final class CryptoBuiltins {
  private CryptoBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
