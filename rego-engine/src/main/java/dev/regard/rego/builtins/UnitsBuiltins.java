package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * {@code units.parse} (SI and binary suffixes, {@code m} for milli) and {@code units.parse_bytes}
 * (byte sizes, truncated to an integer), with OPA's parsing rules and messages.
 */
final class UnitsBuiltins {
  /** OPA rejects exponents longer than this many digits. */
  private static final int MAX_EXPONENT_DIGITS = 6;

  private static final int MAX_INTEGER_DIGITS = 1000;

  private static final Map<String, BigDecimal> UNITS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", pow(1000, 1)),
          Map.entry("K", pow(1000, 1)),
          Map.entry("ki", pow(1024, 1)),
          Map.entry("Ki", pow(1024, 1)),
          Map.entry("M", pow(1000, 2)),
          Map.entry("mi", pow(1024, 2)),
          Map.entry("Mi", pow(1024, 2)),
          Map.entry("g", pow(1000, 3)),
          Map.entry("G", pow(1000, 3)),
          Map.entry("gi", pow(1024, 3)),
          Map.entry("Gi", pow(1024, 3)),
          Map.entry("t", pow(1000, 4)),
          Map.entry("T", pow(1000, 4)),
          Map.entry("ti", pow(1024, 4)),
          Map.entry("Ti", pow(1024, 4)),
          Map.entry("p", pow(1000, 5)),
          Map.entry("P", pow(1000, 5)),
          Map.entry("pi", pow(1024, 5)),
          Map.entry("Pi", pow(1024, 5)),
          Map.entry("e", pow(1000, 6)),
          Map.entry("E", pow(1000, 6)),
          Map.entry("ei", pow(1024, 6)),
          Map.entry("Ei", pow(1024, 6)));

  private static final Map<String, BigDecimal> BYTE_UNITS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("kb", pow(1000, 1)),
          Map.entry("k", pow(1000, 1)),
          Map.entry("kib", pow(1024, 1)),
          Map.entry("ki", pow(1024, 1)),
          Map.entry("mb", pow(1000, 2)),
          Map.entry("m", pow(1000, 2)),
          Map.entry("mib", pow(1024, 2)),
          Map.entry("mi", pow(1024, 2)),
          Map.entry("gb", pow(1000, 3)),
          Map.entry("g", pow(1000, 3)),
          Map.entry("gib", pow(1024, 3)),
          Map.entry("gi", pow(1024, 3)),
          Map.entry("tb", pow(1000, 4)),
          Map.entry("t", pow(1000, 4)),
          Map.entry("tib", pow(1024, 4)),
          Map.entry("ti", pow(1024, 4)),
          Map.entry("pb", pow(1000, 5)),
          Map.entry("p", pow(1000, 5)),
          Map.entry("pib", pow(1024, 5)),
          Map.entry("pi", pow(1024, 5)),
          Map.entry("eb", pow(1000, 6)),
          Map.entry("e", pow(1000, 6)),
          Map.entry("eib", pow(1024, 6)),
          Map.entry("ei", pow(1024, 6)));

  private UnitsBuiltins() {}

  private static BigDecimal pow(int base, int n) {
    return new BigDecimal(BigInteger.valueOf(base).pow(n));
  }

  static void register(BuiltinRegistry.Builder b) {
    b.add("units.parse", fn(N, S), UnitsBuiltins::parse);
    b.add("units.parse_bytes", fn(N, S), UnitsBuiltins::parseBytes);
  }

  private static Value parse(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0).replace("\"", "");
    if (s.contains(" ")) {
      throw BuiltinException.error("spaces not allowed in resource strings");
    }
    String[] parts = split(s);
    if (parts == null) {
      throw BuiltinException.error("exponent too large");
    }
    String num = parts[0];
    String unit = parts[1];
    if (num.isEmpty()) {
      throw BuiltinException.error("no amount provided");
    }
    // Only the letters after the first are case-insensitive, so that 'm' and 'M' differ.
    if (unit.length() > 1) {
      unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
    }
    BigDecimal factor = UNITS.get(unit);
    if (factor == null) {
      throw BuiltinException.error("unit " + unit + " not recognized");
    }
    BigDecimal amount = number(num, "could not parse amount to a number");
    BigDecimal result = amount.multiply(factor);
    BigDecimal stripped = result.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      // Integers print in full, except absurdly long ones, which keep their exponent.
      return stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS
          ? NumberValue.of(stripped.toBigIntegerExact())
          : NumberValue.of(stripped);
    }
    // OPA prints non-integers with ten decimal places (rounded half away from zero).
    return NumberValue.of(result.setScale(10, RoundingMode.HALF_UP));
  }

  private static Value parseBytes(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0).toLowerCase(Locale.ROOT).replace("\"", "");
    if (s.contains(" ")) {
      throw BuiltinException.error("spaces not allowed in resource strings");
    }
    String[] parts = split(s);
    if (parts == null) {
      throw BuiltinException.error("exponent too large");
    }
    if (parts[0].isEmpty()) {
      throw BuiltinException.error("no byte amount provided");
    }
    BigDecimal factor = BYTE_UNITS.get(parts[1]);
    if (factor == null) {
      throw BuiltinException.error("byte unit " + parts[1] + " not recognized");
    }
    BigDecimal amount = number(parts[0], "could not parse byte amount to a number");
    // The result is an integer of this many digits: charge before building it.
    ctx.charge(Math.max(0, (long) amount.precision() - amount.scale()) / 16);
    // OPA multiplies in 64-bit binary floating point, then truncates toward zero.
    NumbersBigFloat product =
        NumbersBigFloat.of(amount, NumbersBigFloat.BIG_PRECISION)
            .multiply(NumbersBigFloat.of(factor, NumbersBigFloat.BIG_PRECISION));
    return NumberValue.of(product.toBigDecimal().toBigInteger());
  }

  /** Parses a decimal number as Go's {@code big} parsers do: optional sign, digits, exponent. */
  private static BigDecimal number(String text, String error) {
    if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw BuiltinException.error(error);
    }
    return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
  }

  /**
   * Splits {@code s} into its numeric prefix and unit, as OPA does: the number is digits, dots,
   * signs and an exponent marker followed by a digit or sign. Null when an exponent has too many
   * digits.
   */
  private static String[] split(String s) {
    int firstNonNumeric = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean numeric = Character.isDigit(c) || c == '.';
      if (!numeric && c != 'e' && c != 'E' && c != '+' && c != '-') {
        firstNonNumeric = i;
        break;
      }
      if (c == 'e' || c == 'E') {
        if (i == s.length() - 1
            || !(Character.isDigit(s.charAt(i + 1))
                || s.charAt(i + 1) == '+'
                || s.charAt(i + 1) == '-')) {
          firstNonNumeric = i;
          break;
        }
        if (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-') {
          i++;
        }
        int start = i + 1;
        int end = start;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
          end++;
        }
        if (end - start > MAX_EXPONENT_DIGITS) {
          return null;
        }
      }
    }
    if (firstNonNumeric == -1) {
      return new String[] {s, ""};
    }
    return new String[] {s.substring(0, firstNonNumeric), s.substring(firstNonNumeric)};
  }
}
