package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * OPA's arrays builtins: {@code array.concat}, {@code array.slice}, {@code array.reverse} and
 * {@code array.flatten}.
 */
final class ArraysBuiltins {
  private ArraysBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("array.concat", fn(ARR, ARR, ARR), ArraysBuiltins::concat);
    b.add("array.slice", fn(ARR, ARR, N, N), ArraysBuiltins::slice);
    b.add("array.reverse", fn(ARR, ARR), ArraysBuiltins::reverse);
    b.add("array.flatten", fn(ARR, ARR), ArraysBuiltins::flatten);
  }

  private static Value concat(BuiltinContext ctx, Value[] args) {
    ArrayValue a = Args.array(args, 0);
    ArrayValue b = Args.array(args, 1);
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    ctx.charge(a.size() + (long) b.size());
    List<Value> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a.elements());
    out.addAll(b.elements());
    return ArrayValue.of(out);
  }

  private static Value slice(BuiltinContext ctx, Value[] args) {
    ArrayValue a = Args.array(args, 0);
    long start = integer(args, 1);
    long stop = integer(args, 2);
    // Out-of-range bounds are clamped, and a start past the stop gives an empty array.
    stop = Math.max(0, Math.min(stop, a.size()));
    start = Math.max(0, Math.min(start, stop));
    ctx.charge(stop - start);
    return ArrayValue.of(a.elements().subList((int) start, (int) stop));
  }

  private static Value reverse(BuiltinContext ctx, Value[] args) {
    ArrayValue a = Args.array(args, 0);
    ctx.charge(a.size());
    List<Value> out = new ArrayList<>(a.elements());
    Collections.reverse(out);
    return ArrayValue.of(out);
  }

  /** Splices nested arrays one level deep into the result; other elements stay as they are. */
  private static Value flatten(BuiltinContext ctx, Value[] args) {
    ArrayValue a = Args.array(args, 0);
    List<Value> out = new ArrayList<>(a.size());
    for (Value v : a.elements()) {
      if (v instanceof ArrayValue inner) {
        ctx.charge(inner.size());
        out.addAll(inner.elements());
      } else {
        ctx.charge(1);
        out.add(v);
      }
    }
    return ArrayValue.of(out);
  }

  /** An integer operand as OPA's {@code IntOperand} reads it. */
  private static long integer(Value[] args, int i) {
    NumberValue n = Args.number(args, i);
    if (!n.fitsLong()) {
      throw BuiltinException.typeError(
          "operand " + (i + 1) + " must be integer number but got floating-point number");
    }
    return n.longValue();
  }
}
