package dev.regard.rego;

import dev.regard.rego.builtins.Args;
import dev.regard.rego.builtins.BuiltinException;
import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A small builtin registry for engine tests, so that they exercise the evaluator independently of
 * the full builtin library. Arithmetic is rounded to 34 digits so that huge exponents stay cheap.
 */
public final class TestBuiltins {
  private TestBuiltins() {}

  public static BuiltinRegistry registry() {
    BuiltinRegistry.Builder b = BuiltinRegistry.builder();
    b.add("equal", 2, (ctx, a) -> BooleanValue.of(a[0].equals(a[1])));
    b.add("neq", 2, (ctx, a) -> BooleanValue.of(!a[0].equals(a[1])));
    b.add("lt", 2, (ctx, a) -> BooleanValue.of(a[0].compareTo(a[1]) < 0));
    b.add("lte", 2, (ctx, a) -> BooleanValue.of(a[0].compareTo(a[1]) <= 0));
    b.add("gt", 2, (ctx, a) -> BooleanValue.of(a[0].compareTo(a[1]) > 0));
    b.add("gte", 2, (ctx, a) -> BooleanValue.of(a[0].compareTo(a[1]) >= 0));
    b.add(
        "plus",
        2,
        (ctx, a) ->
            NumberValue.of(
                Args.number(a, 0)
                    .bigDecimalValue()
                    .add(Args.number(a, 1).bigDecimalValue(), MathContext.DECIMAL128)));
    b.add(
        "minus",
        2,
        (ctx, a) -> {
          if (a[0] instanceof SetValue x && a[1] instanceof SetValue y) {
            return x.difference(y);
          }
          return NumberValue.of(
              Args.number(a, 0)
                  .bigDecimalValue()
                  .subtract(Args.number(a, 1).bigDecimalValue(), MathContext.DECIMAL128));
        });
    b.add(
        "mul",
        2,
        (ctx, a) ->
            NumberValue.of(
                Args.number(a, 0)
                    .bigDecimalValue()
                    .multiply(Args.number(a, 1).bigDecimalValue(), MathContext.DECIMAL128)));
    b.add(
        "div",
        2,
        (ctx, a) -> {
          BigDecimal d = Args.number(a, 1).bigDecimalValue();
          if (d.signum() == 0) {
            throw BuiltinException.error("divide by zero");
          }
          return NumberValue.of(
              Args.number(a, 0).bigDecimalValue().divide(d, MathContext.DECIMAL128));
        });
    b.add("or", 2, (ctx, a) -> Args.set(a, 0).union(Args.set(a, 1)));
    b.add("and", 2, (ctx, a) -> Args.set(a, 0).intersection(Args.set(a, 1)));
    b.add(
        "count",
        1,
        (ctx, a) -> {
          Value v = Args.oneOf(a, 0, "string", "array", "object", "set");
          if (v instanceof StringValue s) {
            return NumberValue.of(s.value().codePointCount(0, s.value().length()));
          }
          if (v instanceof ArrayValue x) {
            return NumberValue.of(x.size());
          }
          if (v instanceof ObjectValue o) {
            return NumberValue.of(o.size());
          }
          return NumberValue.of(((SetValue) v).size());
        });
    b.add(
        "numbers.range",
        2,
        (ctx, a) -> {
          long from = Args.number(a, 0).longValue();
          long to = Args.number(a, 1).longValue();
          ctx.charge(Math.abs(to - from) + 1);
          List<Value> out = new ArrayList<>();
          for (long i = from; i <= to; i++) {
            out.add(NumberValue.of(i));
          }
          return ArrayValue.of(out);
        });
    b.add("time.now_ns", 0, (ctx, a) -> NumberValue.of(ctx.timeNowNs()));
    b.add("upper", 1, (ctx, a) -> StringValue.of(Args.string(a, 0).toUpperCase()));
    return b.build();
  }

  /** A policy compiled with this registry. */
  public static CompiledPolicy compile(String... modules) {
    Rego.Builder b = Rego.builder().builtins(registry());
    for (int i = 0; i < modules.length; i++) {
      b.module("m" + i + ".rego", modules[i]);
    }
    return b.compile();
  }
}
