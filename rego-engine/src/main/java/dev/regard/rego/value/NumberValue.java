package dev.regard.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An arbitrary-precision number, as OPA keeps numbers. Small integers take a {@code long} fast
 * path; everything else is a {@link BigDecimal}. Numeric equality decides identity: {@code 1},
 * {@code 1.0} and {@code 1e0} are equal and hash alike.
 */
public final class NumberValue implements Value {
  private static final NumberValue[] SMALL = new NumberValue[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new NumberValue(i - 128, null);
    }
  }

  public static final NumberValue ZERO = of(0);
  public static final NumberValue ONE = of(1);

  private final long small;
  private final BigDecimal big; // null when the value is the integer in 'small'
  private int hash;

  private NumberValue(long small, BigDecimal big) {
    this.small = small;
    this.big = big;
  }

  public static NumberValue of(long value) {
    if (value >= -128 && value < 128) {
      return SMALL[(int) value + 128];
    }
    return new NumberValue(value, null);
  }

  public static NumberValue of(BigInteger value) {
    return value.bitLength() < 64
        ? of(value.longValue())
        : new NumberValue(0, new BigDecimal(value));
  }

  public static NumberValue of(BigDecimal value) {
    if (value.scale() <= 0 || value.signum() == 0) {
      // An integral value with no fraction digits fits the fast path when small enough.
      if (value.signum() == 0) {
        return ZERO;
      }
      if (value.precision() - value.scale() < 19) {
        return of(value.longValueExact());
      }
    }
    return new NumberValue(0, value);
  }

  /** Parses JSON/Rego number text such as {@code -12}, {@code 3.5} or {@code 1e400}. */
  public static NumberValue parse(String text) {
    if (text.length() < 19 && isPlainInteger(text)) {
      return of(Long.parseLong(text));
    }
    return of(new BigDecimal(text));
  }

  public static NumberValue of(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new ArithmeticException("number is not finite: " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e18) {
      return of((long) value);
    }
    return of(new BigDecimal(Double.toString(value)));
  }

  private static boolean isPlainInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** True when this number has no fractional part. */
  public boolean isInteger() {
    return big == null
        || big.signum() == 0
        || big.scale() <= 0
        || big.stripTrailingZeros().scale() <= 0;
  }

  /** True when this number is an integer that fits in a {@code long}. */
  public boolean fitsLong() {
    if (big == null) {
      return true;
    }
    if (!isInteger()) {
      return false;
    }
    try {
      big.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /** The value as a long; only meaningful when {@link #fitsLong()}. */
  public long longValue() {
    return big == null ? small : big.longValue();
  }

  /** The value as an int, or empty when it is not an integer in int range. */
  public java.util.OptionalInt intValue() {
    if (!fitsLong()) {
      return java.util.OptionalInt.empty();
    }
    long v = longValue();
    return v == (int) v ? java.util.OptionalInt.of((int) v) : java.util.OptionalInt.empty();
  }

  public BigDecimal bigDecimalValue() {
    return big == null ? BigDecimal.valueOf(small) : big;
  }

  /** The integer value; only meaningful when {@link #isInteger()}. */
  public BigInteger bigIntegerValue() {
    return big == null ? BigInteger.valueOf(small) : big.toBigInteger();
  }

  public double doubleValue() {
    return big == null ? (double) small : big.doubleValue();
  }

  public int signum() {
    return big == null ? Long.signum(small) : big.signum();
  }

  @Override
  public int typeOrder() {
    return 2;
  }

  @Override
  public String typeName() {
    return "number";
  }

  @Override
  public int compareSameType(Value other) {
    NumberValue o = (NumberValue) other;
    if (big == null && o.big == null) {
      return Long.compare(small, o.small);
    }
    return bigDecimalValue().compareTo(o.bigDecimalValue());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberValue n && compareSameType(n) == 0;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      if (big == null || fitsLong()) {
        h = Long.hashCode(longValue());
      } else {
        h = big.stripTrailingZeros().hashCode();
      }
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  /** JSON text of this number: integers without exponent, others in plain or scientific form. */
  @Override
  public String toString() {
    if (big == null) {
      return Long.toString(small);
    }
    if (isInteger()) {
      BigDecimal stripped = big.stripTrailingZeros();
      return stripped.scale() < -20 ? stripped.toString() : stripped.toPlainString();
    }
    return big.toString().replace("E+", "e+").replace("E-", "e-");
  }
}
