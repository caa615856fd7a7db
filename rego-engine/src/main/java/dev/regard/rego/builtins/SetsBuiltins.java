package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;

/** OPA's {@code intersection} and {@code union} of a set of sets. */
final class SetsBuiltins {
  private SetsBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("intersection", fn(SET, set(SET)), SetsBuiltins::intersection);
    b.add("union", fn(SET, set(SET)), SetsBuiltins::union);
  }

  private static Value intersection(BuiltinContext ctx, Value[] args) {
    SetValue sets = Args.set(args, 0);
    SetValue result = null;
    for (Value v : sets.elements()) {
      SetValue s = elementSet(sets, v);
      ctx.charge(s.size());
      result = result == null ? s : result.intersection(s);
    }
    return result == null ? SetValue.EMPTY : result;
  }

  private static Value union(BuiltinContext ctx, Value[] args) {
    SetValue sets = Args.set(args, 0);
    SetValue result = SetValue.EMPTY;
    for (Value v : sets.elements()) {
      SetValue s = elementSet(sets, v);
      ctx.charge(s.size());
      result = result.union(s);
    }
    return result;
  }

  private static SetValue elementSet(SetValue sets, Value v) {
    if (v instanceof SetValue s) {
      return s;
    }
    throw BuiltinException.typeError(
        "operand 1 must be set of sets but got set containing " + v.typeName());
  }
}
