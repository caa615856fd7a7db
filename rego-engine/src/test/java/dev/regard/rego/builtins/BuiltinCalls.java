package dev.regard.rego.builtins;

import dev.regard.rego.value.Json;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;

/** Shorthands for builtin tests: a call through the standard registry, and literal values. */
final class BuiltinCalls {
  private BuiltinCalls() {}

  /** Calls a builtin as policies do, with the clock fixed. */
  static Value call(String name, Value... args) {
    return call(new FixedClockContext(), name, args);
  }

  /** Calls a builtin as policies do, in the given context. */
  static Value call(BuiltinContext context, String name, Value... args) {
    return StandardBuiltins.registry().find(name).orElseThrow().function().call(context, args);
  }

  static Value j(String json) {
    return Json.parse(json);
  }

  static Value s(String text) {
    return StringValue.of(text);
  }
}
