package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BinaryOperator;

/** OPA's aggregates over collections: count, sum, product, max, min and sort. */
final class AggregatesBuiltins {
  private AggregatesBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("count", fn(N, any(S, ARR, OBJ, SET)), AggregatesBuiltins::count);
    b.add(
        "sum",
        fn(N, any(arr(N), set(N))),
        (ctx, a) -> fold(ctx, a, BigInteger.ZERO, BigInteger::add, NumbersBigFloat::add));
    b.add(
        "product",
        fn(N, any(arr(N), set(N))),
        (ctx, a) -> fold(ctx, a, BigInteger.ONE, BigInteger::multiply, NumbersBigFloat::multiply));
    b.add("max", fn(A, any(ARR, SET)), (ctx, a) -> extreme(a, 1));
    b.add("min", fn(A, any(ARR, SET)), (ctx, a) -> extreme(a, -1));
    b.add("sort", fn(ARR, any(ARR, SET)), AggregatesBuiltins::sort);
  }

  private static Value count(BuiltinContext ctx, Value[] a) {
    Value v = a[0];
    if (v instanceof ArrayValue arr) {
      return NumberValue.of(arr.size());
    }
    if (v instanceof SetValue set) {
      return NumberValue.of(set.size());
    }
    if (v instanceof ObjectValue obj) {
      return NumberValue.of(obj.size());
    }
    if (v instanceof StringValue s) {
      return NumberValue.of(s.value().codePointCount(0, s.value().length()));
    }
    throw Args.operandError(0, "one of {array, object, set, string}", v);
  }

  /** The elements of an array or set operand. */
  private static List<Value> elements(Value[] a) {
    Value v = a[0];
    if (v instanceof ArrayValue arr) {
      return arr.elements();
    }
    if (v instanceof SetValue set) {
      return set.elements();
    }
    throw Args.operandError(0, "one of {set, array}", v);
  }

  private static Value fold(
      BuiltinContext ctx,
      Value[] a,
      BigInteger identity,
      BinaryOperator<BigInteger> exact,
      BinaryOperator<NumbersBigFloat> inexact) {
    List<Value> items = elements(a);
    boolean allIntegers = true;
    for (Value item : items) {
      if (!(item instanceof NumberValue n)) {
        throw BuiltinException.typeError(
            "operand 1 must be "
                + a[0].typeName()
                + " of numbers but got "
                + a[0].typeName()
                + " containing "
                + item.typeName());
      }
      allIntegers &= n.isInteger();
    }
    if (allIntegers) {
      BigInteger acc = identity;
      for (Value item : items) {
        acc = exact.apply(acc, NumbersBuiltins.bigInteger(ctx, (NumberValue) item));
      }
      return NumberValue.of(acc);
    }
    NumbersBigFloat acc =
        NumbersBigFloat.of(new java.math.BigDecimal(identity), NumbersBigFloat.BIG_PRECISION);
    for (Value item : items) {
      acc = inexact.apply(acc, NumbersBuiltins.toFloat(ctx, (NumberValue) item));
    }
    return NumbersBuiltins.fromFloat(acc);
  }

  /** The greatest ({@code sign} 1) or least ({@code sign} -1) element; undefined when empty. */
  private static Value extreme(Value[] a, int sign) {
    List<Value> items = elements(a);
    Value best = null;
    for (Value item : items) {
      if (best == null || Integer.signum(item.compareTo(best)) == sign) {
        best = item;
      }
    }
    return best;
  }

  private static Value sort(BuiltinContext ctx, Value[] a) {
    Value v = a[0];
    if (v instanceof SetValue set) {
      return ArrayValue.of(set.elements());
    }
    if (v instanceof ArrayValue arr) {
      List<Value> copy = new ArrayList<>(arr.elements());
      Collections.sort(copy);
      return ArrayValue.of(copy);
    }
    throw Args.operandError(0, "one of {set, array}", v);
  }
}
