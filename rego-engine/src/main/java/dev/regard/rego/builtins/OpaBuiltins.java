package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ObjectValue;

/**
 * OPA's {@code opa.runtime}. An embedded engine has no OPA runtime configuration or environment to
 * report, and exposing the JVM's environment to policies would leak secrets, so it is the empty
 * object, as OPA returns when it has no runtime information.
 */
final class OpaBuiltins {
  private OpaBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("opa.runtime", fn(SOBJ), (ctx, args) -> ObjectValue.EMPTY);
  }
}
