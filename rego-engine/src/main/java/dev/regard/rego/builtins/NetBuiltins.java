package dev.regard.rego.builtins;

/** OPA's net builtins. */
final class NetBuiltins {
  private NetBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
