package dev.regard.rego.builtins;

/** OPA's objects builtins. */
final class ObjectsBuiltins {
  private ObjectsBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
