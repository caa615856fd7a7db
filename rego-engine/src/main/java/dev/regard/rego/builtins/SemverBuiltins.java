package dev.regard.rego.builtins;

/** OPA's semver builtins. */
final class SemverBuiltins {
  private SemverBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {}
}
