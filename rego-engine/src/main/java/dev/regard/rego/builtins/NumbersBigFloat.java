package dev.regard.rego.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A binary floating-point number {@code mantissa * 2^exponent} with a fixed number of mantissa
 * bits, rounded to nearest-even. OPA computes non-integer arithmetic with Go's {@code big.Float} at
 * 64 bits of precision and prints results as the shortest decimal that reads back to the same
 * float; this class reproduces both so results agree digit for digit. It also serves {@code
 * float64} formatting in {@code sprintf} with 53 bits.
 */
record NumbersBigFloat(BigInteger mantissa, int exponent, int precision) {
  /** Go's {@code big.Float} default precision. */
  static final int BIG_PRECISION = 64;

  /** The bits of an IEEE-754 double's mantissa. */
  static final int DOUBLE_PRECISION = 53;

  static NumbersBigFloat zero(int precision) {
    return new NumbersBigFloat(BigInteger.ZERO, 0, precision);
  }

  /** The decimal rounded to {@code precision} bits. */
  static NumbersBigFloat of(BigDecimal d, int precision) {
    if (d.signum() == 0) {
      return zero(precision);
    }
    BigInteger unscaled = d.unscaledValue();
    int scale = d.scale();
    if (scale <= 0) {
      return round(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE, 0, precision);
    }
    return round(unscaled, BigInteger.TEN.pow(scale), 0, precision);
  }

  static NumbersBigFloat of(double d) {
    if (Math.abs(d) < Double.MIN_NORMAL && d != 0) {
      // Subnormal doubles are multiples of 2^-1074 with fewer significant bits.
      BigInteger m =
          new BigDecimal(d).multiply(new BigDecimal(BigInteger.TWO.pow(1074))).toBigIntegerExact();
      return new NumbersBigFloat(m, -1074, m.abs().bitLength());
    }
    return of(new BigDecimal(d), DOUBLE_PRECISION);
  }

  /** Rounds {@code num / den * 2^exp} (den positive) to {@code precision} bits, ties to even. */
  static NumbersBigFloat round(BigInteger num, BigInteger den, int exp, int precision) {
    if (num.signum() == 0) {
      return zero(precision);
    }
    boolean negative = num.signum() < 0;
    BigInteger n = num.abs();
    // Scale so that the integer quotient has exactly precision + 1 or precision + 2 bits.
    int shift = precision + 2 - (n.bitLength() - den.bitLength());
    BigInteger scaledNum = shift >= 0 ? n.shiftLeft(shift) : n;
    BigInteger scaledDen = shift >= 0 ? den : den.shiftLeft(-shift);
    BigInteger[] qr = scaledNum.divideAndRemainder(scaledDen);
    BigInteger q = qr[0];
    boolean sticky = qr[1].signum() != 0;
    int e = exp - shift;
    int extra = q.bitLength() - precision;
    if (extra > 0) {
      sticky |= q.getLowestSetBit() < extra - 1;
      boolean half = q.testBit(extra - 1);
      q = q.shiftRight(extra);
      e += extra;
      if (half && (sticky || q.testBit(0))) {
        q = q.add(BigInteger.ONE);
        if (q.bitLength() > precision) {
          q = q.shiftRight(1);
          e += 1;
        }
      }
    }
    return new NumbersBigFloat(negative ? q.negate() : q, e, precision);
  }

  int signum() {
    return mantissa.signum();
  }

  NumbersBigFloat add(NumbersBigFloat o) {
    if (o.signum() == 0) {
      return this;
    }
    if (signum() == 0) {
      return o;
    }
    int e = Math.min(exponent, o.exponent);
    BigInteger sum = mantissa.shiftLeft(exponent - e).add(o.mantissa.shiftLeft(o.exponent - e));
    return round(sum, BigInteger.ONE, e, precision);
  }

  NumbersBigFloat negate() {
    return new NumbersBigFloat(mantissa.negate(), exponent, precision);
  }

  NumbersBigFloat multiply(NumbersBigFloat o) {
    return round(mantissa.multiply(o.mantissa), BigInteger.ONE, exponent + o.exponent, precision);
  }

  /** The quotient; the divisor must not be zero. */
  NumbersBigFloat divide(NumbersBigFloat o) {
    BigInteger den = o.mantissa;
    BigInteger num = mantissa;
    if (den.signum() < 0) {
      den = den.negate();
      num = num.negate();
    }
    return round(num, den, exponent - o.exponent, precision);
  }

  /** The exact value. */
  BigDecimal toBigDecimal() {
    return exact(mantissa, exponent);
  }

  private static BigDecimal exact(BigInteger m, int e) {
    if (e >= 0) {
      return new BigDecimal(m.shiftLeft(e));
    }
    return new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-e)), -e);
  }

  /**
   * The shortest decimal that rounds back to this float. {@code ieeeLowerGap} narrows the lower
   * bound at powers of two, as IEEE-754 formatting does; Go's {@code big.Float} does not.
   */
  BigDecimal shortestDecimal(boolean ieeeLowerGap) {
    if (signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigInteger m = mantissa.abs();
    // Normalise the mantissa to the full precision so that one unit is one ulp.
    int pad = precision - m.bitLength();
    BigInteger full = m.shiftLeft(pad);
    int e = exponent - pad;
    BigInteger twice = full.shiftLeft(1);
    BigDecimal upper = exact(twice.add(BigInteger.ONE), e - 1);
    BigDecimal lower;
    if (ieeeLowerGap && full.bitCount() == 1 && e > -1074) {
      lower = exact(full.shiftLeft(2).subtract(BigInteger.ONE), e - 2);
    } else {
      lower = exact(twice.subtract(BigInteger.ONE), e - 1);
    }
    boolean inclusive = !full.testBit(0);
    BigDecimal value = exact(full, e);
    String digits = value.unscaledValue().toString();
    int point = digits.length() - value.scale(); // value = 0.digits * 10^point
    String lowerDigits = alignedDigits(lower, point);
    String upperDigits = alignedDigits(upper, point);
    String trimmedLower = stripTrailingZeros(lowerDigits);
    String trimmedUpper = stripTrailingZeros(upperDigits);
    for (int i = 0; i < digits.length(); i++) {
      char d = digits.charAt(i);
      char l = digitAt(lowerDigits, i);
      char u = digitAt(upperDigits, i);
      boolean okDown = l != d || inclusive && i + 1 == trimmedLower.length();
      boolean okUp = d != u && (inclusive || d + 1 < u || i + 1 < trimmedUpper.length());
      BigDecimal result = null;
      if (okDown && okUp) {
        result = roundNearest(digits, i + 1, point);
      } else if (okDown) {
        result = truncated(digits, i + 1, point, false);
      } else if (okUp) {
        result = truncated(digits, i + 1, point, true);
      }
      if (result != null) {
        return mantissa.signum() < 0 ? result.negate() : result;
      }
    }
    BigDecimal v = value.stripTrailingZeros();
    return mantissa.signum() < 0 ? v.negate() : v;
  }

  /** Digits of {@code x} written against the decimal point position {@code point}. */
  private static String alignedDigits(BigDecimal x, int point) {
    String digits = x.unscaledValue().toString();
    int p = digits.length() - x.scale();
    if (p < point) {
      return "0".repeat(point - p) + digits;
    }
    return digits; // p == point: the bounds lie within one ulp of the value
  }

  private static String stripTrailingZeros(String s) {
    int end = s.length();
    while (end > 1 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }

  private static char digitAt(String s, int i) {
    return i < s.length() ? s.charAt(i) : '0';
  }

  private static BigDecimal truncated(String digits, int n, int point, boolean up) {
    BigInteger kept = new BigInteger(digits.substring(0, n));
    if (up) {
      kept = kept.add(BigInteger.ONE);
    }
    return new BigDecimal(kept, n - point).stripTrailingZeros();
  }

  private static BigDecimal roundNearest(String digits, int n, int point) {
    if (n >= digits.length()) {
      return truncated(digits, digits.length(), point, false);
    }
    char next = digits.charAt(n);
    boolean up;
    if (next == '5' && n + 1 == stripTrailingZeros(digits).length()) {
      up = (digits.charAt(n - 1) - '0') % 2 != 0;
    } else {
      up = next >= '5';
    }
    return truncated(digits, n, point, up);
  }
}
