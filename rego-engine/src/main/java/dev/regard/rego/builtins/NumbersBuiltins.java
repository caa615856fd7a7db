package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * OPA's arithmetic, rounding, range, bitwise and set-operator builtins, plus {@code to_number}.
 *
 * <p>Integers are exact at any size. Other operands are computed as OPA computes them: in binary
 * floating point with 64 mantissa bits, the result being the shortest decimal that reads back to
 * the same float (so {@code 1 / 3} is {@code 0.3333333333333333333}).
 */
final class NumbersBuiltins {
  /** Numbers with more decimal digits than this are charged per digit before conversion. */
  private static final int FREE_DIGITS = 64;

  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,9})?");
  private static final BigDecimal MAX_DOUBLE = new BigDecimal(Double.MAX_VALUE);

  private NumbersBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("plus", fn(N, N, N), (ctx, a) -> arith(ctx, a, BigInteger::add, NumbersBigFloat::add));
    b.add("minus", fn(any(N, SET), any(N, SET), any(N, SET)), NumbersBuiltins::minus);
    b.add(
        "mul",
        fn(N, N, N),
        (ctx, a) -> arith(ctx, a, BigInteger::multiply, NumbersBigFloat::multiply));
    b.add("div", fn(N, N, N), NumbersBuiltins::divide);
    b.add("rem", fn(N, N, N), NumbersBuiltins::remainder);
    b.add("abs", fn(N, N), (ctx, a) -> unary(ctx, a, BigInteger::abs, NumbersBuiltins::floatAbs));
    b.add(
        "round",
        fn(N, N),
        (ctx, a) -> unary(ctx, a, UnaryOperator.identity(), NumbersBuiltins::round));
    b.add(
        "ceil",
        fn(N, N),
        (ctx, a) -> unary(ctx, a, UnaryOperator.identity(), NumbersBuiltins::ceil));
    b.add(
        "floor",
        fn(N, N),
        (ctx, a) -> unary(ctx, a, UnaryOperator.identity(), NumbersBuiltins::floor));
    b.add("numbers.range", fn(arr(N), N, N), (ctx, a) -> range(ctx, a, BigInteger.ONE));
    b.add("numbers.range_step", fn(arr(N), N, N, N), NumbersBuiltins::rangeStep);
    b.add("bits.or", fn(N, N, N), (ctx, a) -> bits(ctx, a, BigInteger::or));
    b.add("bits.and", fn(N, N, N), (ctx, a) -> bits(ctx, a, BigInteger::and));
    b.add("bits.xor", fn(N, N, N), (ctx, a) -> bits(ctx, a, BigInteger::xor));
    b.add("bits.negate", fn(N, N), (ctx, a) -> NumberValue.of(integerOperand(ctx, a, 0).not()));
    b.add("bits.lsh", fn(N, N, N), NumbersBuiltins::shiftLeft);
    b.add("bits.rsh", fn(N, N, N), NumbersBuiltins::shiftRight);
    b.add("to_number", fn(N, any(NL, B, N, S)), NumbersBuiltins::toNumber);
    b.add("and", fn(SET, SET, SET), (ctx, a) -> Args.set(a, 0).intersection(Args.set(a, 1)));
    b.add("or", fn(SET, SET, SET), (ctx, a) -> Args.set(a, 0).union(Args.set(a, 1)));
  }

  // ---- arithmetic ----

  private static Value arith(
      BuiltinContext ctx,
      Value[] a,
      BinaryOperator<BigInteger> exact,
      BinaryOperator<NumbersBigFloat> inexact) {
    NumberValue x = Args.number(a, 0);
    NumberValue y = Args.number(a, 1);
    if (x.isInteger() && y.isInteger()) {
      return NumberValue.of(exact.apply(bigInteger(ctx, x), bigInteger(ctx, y)));
    }
    return fromFloat(inexact.apply(toFloat(ctx, x), toFloat(ctx, y)));
  }

  private static Value minus(BuiltinContext ctx, Value[] a) {
    if (a[0] instanceof NumberValue && a[1] instanceof NumberValue) {
      return arith(ctx, a, BigInteger::subtract, (x, y) -> x.add(y.negate()));
    }
    if (a[0] instanceof SetValue s1 && a[1] instanceof SetValue s2) {
      return s1.difference(s2);
    }
    if (!(a[0] instanceof NumberValue) && !(a[0] instanceof SetValue)) {
      throw Args.operandError(0, "one of {number, set}", a[0]);
    }
    // As OPA: a number second operand is expected to be a set, anything else a number.
    throw Args.operandError(1, a[1] instanceof NumberValue ? "set" : "number", a[1]);
  }

  private static Value divide(BuiltinContext ctx, Value[] a) {
    NumberValue x = Args.number(a, 0);
    NumberValue y = Args.number(a, 1);
    if (y.signum() == 0) {
      throw BuiltinException.error("divide by zero");
    }
    if (x.isInteger() && y.isInteger() && x.signum() != 0) {
      BigInteger[] qr = bigInteger(ctx, x).divideAndRemainder(bigInteger(ctx, y));
      if (qr[1].signum() == 0) {
        return NumberValue.of(qr[0]);
      }
    }
    return fromFloat(toFloat(ctx, x).divide(toFloat(ctx, y)));
  }

  private static Value remainder(BuiltinContext ctx, Value[] a) {
    NumberValue x = Args.number(a, 0);
    NumberValue y = Args.number(a, 1);
    if (!x.isInteger() || !y.isInteger()) {
      throw BuiltinException.error("modulo on floating-point number");
    }
    if (y.signum() == 0) {
      throw BuiltinException.error("modulo by zero");
    }
    // Java's remainder, like Go's, takes the sign of the dividend.
    return NumberValue.of(bigInteger(ctx, x).remainder(bigInteger(ctx, y)));
  }

  private static Value unary(
      BuiltinContext ctx,
      Value[] a,
      UnaryOperator<BigInteger> exact,
      UnaryOperator<NumbersBigFloat> inexact) {
    NumberValue x = Args.number(a, 0);
    if (x.isInteger()) {
      return NumberValue.of(exact.apply(bigInteger(ctx, x)));
    }
    return fromFloat(inexact.apply(toFloat(ctx, x)));
  }

  private static NumbersBigFloat floatAbs(NumbersBigFloat x) {
    return x.signum() < 0 ? x.negate() : x;
  }

  /** Rounds half away from zero. */
  private static NumbersBigFloat round(NumbersBigFloat x) {
    NumbersBigFloat half =
        NumbersBigFloat.of(new BigDecimal(x.signum() < 0 ? "-0.5" : "0.5"), x.precision());
    return rounded(x.add(half), RoundingMode.DOWN);
  }

  private static NumbersBigFloat ceil(NumbersBigFloat x) {
    return rounded(x, RoundingMode.CEILING);
  }

  private static NumbersBigFloat floor(NumbersBigFloat x) {
    return rounded(x, RoundingMode.FLOOR);
  }

  private static NumbersBigFloat rounded(NumbersBigFloat x, RoundingMode mode) {
    return NumbersBigFloat.of(x.toBigDecimal().setScale(0, mode), x.precision());
  }

  static NumbersBigFloat toFloat(BuiltinContext ctx, NumberValue n) {
    BigDecimal d = n.bigDecimalValue();
    chargeDigits(ctx, d);
    return NumbersBigFloat.of(d, NumbersBigFloat.BIG_PRECISION);
  }

  static NumberValue fromFloat(NumbersBigFloat f) {
    return NumberValue.of(f.shortestDecimal(false));
  }

  /** The integer value of an integral number, charging for very long ones. */
  static BigInteger bigInteger(BuiltinContext ctx, NumberValue n) {
    if (n.fitsLong()) {
      return BigInteger.valueOf(n.longValue());
    }
    BigDecimal d = n.bigDecimalValue();
    chargeDigits(ctx, d);
    return d.toBigIntegerExact();
  }

  private static void chargeDigits(BuiltinContext ctx, BigDecimal d) {
    long digits = Math.abs((long) d.precision() - d.scale()) + Math.abs((long) d.scale());
    if (digits > FREE_DIGITS) {
      ctx.charge(digits);
    }
  }

  // ---- ranges ----

  private static Value rangeStep(BuiltinContext ctx, Value[] a) {
    BigInteger from = integerOperand(ctx, a, 0);
    BigInteger to = integerOperand(ctx, a, 1);
    BigInteger step = integerOperand(ctx, a, 2);
    if (step.signum() <= 0) {
      throw BuiltinException.error("step must be a positive number above zero");
    }
    return range(ctx, from, to, step);
  }

  private static Value range(BuiltinContext ctx, Value[] a, BigInteger step) {
    return range(ctx, integerOperand(ctx, a, 0), integerOperand(ctx, a, 1), step);
  }

  private static Value range(BuiltinContext ctx, BigInteger from, BigInteger to, BigInteger step) {
    BigInteger span = to.subtract(from).abs();
    BigInteger count = span.divide(step).add(BigInteger.ONE);
    // Charge before allocating: the budget bounds how large a range a policy may build.
    ctx.charge(count.bitLength() < 63 ? count.longValue() : Long.MAX_VALUE);
    if (count.bitLength() > 30) {
      throw BuiltinException.error("range is too large");
    }
    int n = count.intValue();
    List<Value> out = new ArrayList<>(n);
    BigInteger delta = from.compareTo(to) <= 0 ? step : step.negate();
    BigInteger i = from;
    for (int k = 0; k < n; k++) {
      out.add(NumberValue.of(i));
      i = i.add(delta);
    }
    return ArrayValue.of(out);
  }

  /** OPA's integer operand: a number without a fractional part. */
  private static BigInteger integerOperand(BuiltinContext ctx, Value[] a, int i) {
    if (!(a[i] instanceof NumberValue n)) {
      throw Args.operandError(i, "integer", a[i]);
    }
    if (!n.isInteger()) {
      throw BuiltinException.typeError(
          "operand " + (i + 1) + " must be integer number but got floating-point number");
    }
    return bigInteger(ctx, n);
  }

  // ---- bits ----

  private static Value bits(BuiltinContext ctx, Value[] a, BinaryOperator<BigInteger> op) {
    return NumberValue.of(op.apply(integerOperand(ctx, a, 0), integerOperand(ctx, a, 1)));
  }

  private static Value shiftLeft(BuiltinContext ctx, Value[] a) {
    BigInteger x = integerOperand(ctx, a, 0);
    int shift = shiftAmount(ctx, a);
    ctx.charge(shift / 64 + 1L);
    return NumberValue.of(x.shiftLeft(shift));
  }

  private static Value shiftRight(BuiltinContext ctx, Value[] a) {
    BigInteger x = integerOperand(ctx, a, 0);
    return NumberValue.of(x.shiftRight(shiftAmount(ctx, a)));
  }

  private static int shiftAmount(BuiltinContext ctx, Value[] a) {
    BigInteger s = integerOperand(ctx, a, 1);
    if (s.signum() < 0) {
      throw BuiltinException.typeError(
          "operand 2 must be unsigned integer number but got negative integer");
    }
    if (s.bitLength() > 30) {
      ctx.charge(Long.MAX_VALUE);
      throw BuiltinException.error("shift is too large");
    }
    return s.intValue();
  }

  // ---- casts ----

  private static Value toNumber(BuiltinContext ctx, Value[] a) {
    Value v = a[0];
    if (v instanceof NumberValue) {
      return v;
    }
    if (v instanceof NullValue) {
      return NumberValue.ZERO;
    }
    if (v instanceof BooleanValue bv) {
      return bv.value() ? NumberValue.ONE : NumberValue.ZERO;
    }
    if (v instanceof StringValue s) {
      return parseNumber(s.value());
    }
    throw Args.operandError(0, "one of {null, boolean, number, string}", v);
  }

  /** Accepts what Go's {@code strconv.ParseFloat} accepts, keeping the exact decimal value. */
  private static Value parseNumber(String text) {
    String unsigned = text.replaceFirst("^[+-]+", "").toLowerCase(java.util.Locale.ROOT);
    if (unsigned.equals("inf") || unsigned.equals("infinity") || unsigned.equals("nan")) {
      throw Args.operandError(0, "valid number string", StringValue.of(text));
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw BuiltinException.error(
          "strconv.ParseFloat: parsing " + quote(text) + ": invalid syntax");
    }
    BigDecimal d = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
    if (d.abs().compareTo(MAX_DOUBLE) > 0) {
      throw BuiltinException.error(
          "strconv.ParseFloat: parsing " + quote(text) + ": value out of range");
    }
    return NumberValue.of(d);
  }

  private static String quote(String s) {
    return StringsSprintf.goQuote(s);
  }
}
