package dev.regard.rego.builtins;

/** OPA's graph builtins. */
final class GraphBuiltins {
  private GraphBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
