package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * OPA's {@code sprintf}: Go's {@code fmt.Sprintf} applied to Rego values converted as OPA converts
 * them. Integral numbers become Go integers (big ones {@code *big.Int}), other numbers {@code
 * float64}, strings Go strings, and every other value its Rego text ({@code [1, "a"]}, {@code
 * set()}). Mismatched verbs render as Go does, for example {@code %!d(string=x)}.
 */
final class StringsSprintf {
  /** Go's limit on widths and precisions passed as arguments and on parsing them. */
  private static final int MAX_SIZE = 1_000_000;

  private final BuiltinContext ctx;
  private final StringBuilder out = new StringBuilder();
  private final List<Value> values;
  private int argIndex;

  private StringsSprintf(BuiltinContext ctx, List<Value> values) {
    this.ctx = ctx;
    this.values = values;
  }

  static String format(BuiltinContext ctx, String format, ArrayValue args) {
    StringsSprintf f = new StringsSprintf(ctx, args.elements());
    f.run(format);
    return f.out.toString();
  }

  /** Flags and sizes of one verb. */
  private static final class Spec {
    boolean minus;
    boolean plus;
    boolean sharp;
    boolean space;
    boolean zero;
    int width = -1;
    int precision = -1;
  }

  private void run(String format) {
    int i = 0;
    int n = format.length();
    while (i < n) {
      char c = format.charAt(i);
      if (c != '%') {
        int next = format.indexOf('%', i);
        int end = next < 0 ? n : next;
        out.append(format, i, end);
        i = end;
        continue;
      }
      i++;
      Spec spec = new Spec();
      for (; i < n; i++) {
        char f = format.charAt(i);
        if (f == '-') {
          spec.minus = true;
          spec.zero = false;
        } else if (f == '+') {
          spec.plus = true;
        } else if (f == '#') {
          spec.sharp = true;
        } else if (f == ' ') {
          spec.space = true;
        } else if (f == '0') {
          spec.zero = !spec.minus;
        } else {
          break;
        }
      }
      if (i < n && format.charAt(i) == '*') {
        spec.width = starArgument();
        if (spec.width < 0) {
          spec.minus = true;
          spec.width = -spec.width;
        }
        i++;
      } else {
        int start = i;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          spec.width = size(format.substring(start, i));
          if (spec.width < 0) {
            i = n; // Go gives up on the rest of the format
          }
        }
      }
      if (i < n && format.charAt(i) == '.') {
        i++;
        if (i < n && format.charAt(i) == '*') {
          spec.precision = starArgument();
          if (spec.precision < 0) {
            spec.precision = -1;
          }
          i++;
        } else {
          int start = i;
          while (i < n && Character.isDigit(format.charAt(i))) {
            i++;
          }
          spec.precision = i > start ? size(format.substring(start, i)) : 0;
          if (spec.precision < 0) {
            spec.precision = 0;
            i = n;
          }
        }
      }
      if (i >= n) {
        out.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argIndex >= values.size()) {
        out.append("%!").appendCodePoint(verb).append("(MISSING)");
        continue;
      }
      formatArg(goValue(values.get(argIndex++)), verb, spec);
    }
    if (argIndex < values.size()) {
      out.append("%!(EXTRA ");
      for (int k = argIndex; k < values.size(); k++) {
        Object v = goValue(values.get(k));
        out.append(k > argIndex ? ", " : "").append(typeName(v)).append('=').append(plain(v));
      }
      out.append(')');
    }
  }

  private int starArgument() {
    if (argIndex >= values.size()) {
      out.append("%!(BADWIDTH)");
      return -1;
    }
    Object v = goValue(values.get(argIndex++));
    if (v instanceof Long l && Math.abs(l) <= MAX_SIZE) {
      chargeWidth(Math.abs(l));
      return (int) (long) l;
    }
    out.append("%!(BADWIDTH)");
    return -1;
  }

  /**
   * A width or precision written in the format, or -1 when Go's parser deems it too large (it stops
   * once the value so far exceeds a million).
   */
  private int size(String digits) {
    long s = 0;
    for (int k = 0; k < digits.length(); k++) {
      if (s > MAX_SIZE) {
        return -1;
      }
      s = s * 10 + (digits.charAt(k) - '0');
    }
    chargeWidth(s);
    return (int) s;
  }

  private void chargeWidth(long width) {
    // Widths and precisions allocate output; charge for them before padding.
    if (width > 64) {
      ctx.charge(width);
    }
  }

  /** The Go value OPA passes to fmt for a Rego value. */
  private static Object goValue(Value v) {
    if (v instanceof StringValue s) {
      return s.value();
    }
    if (v instanceof NumberValue n) {
      // OPA decides by the number's text: plain integers are Go ints, anything written with a
      // fraction or an exponent (3.0, 1e30) is a float64.
      BigDecimal d = n.bigDecimalValue();
      if (d.scale() == 0 || (d.scale() < 0 && n.fitsLong())) {
        return n.fitsLong() ? (Object) n.longValue() : d.toBigIntegerExact();
      }
      double f = d.doubleValue();
      return Double.isInfinite(f) ? n.toString() : (Object) f;
    }
    return regoText(v);
  }

  private static String typeName(Object v) {
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof BigInteger) {
      return "*big.Int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    return "string";
  }

  /** The {@code %v} text of a Go value. */
  private static String plain(Object v) {
    if (v instanceof Double d) {
      return formatFloat(d, 'g', -1, false);
    }
    return v.toString();
  }

  private void formatArg(Object v, int verb, Spec spec) {
    if (v instanceof Long l) {
      formatInteger(BigInteger.valueOf(l), verb, spec, "int");
    } else if (v instanceof BigInteger b) {
      formatInteger(b, verb, spec, "big.Int");
    } else if (v instanceof Double d) {
      formatDouble(d, verb, spec);
    } else {
      formatString((String) v, verb, spec);
    }
  }

  private void badVerb(int verb, String type, String text) {
    out.append("%!").appendCodePoint(verb).append('(').append(type).append('=').append(text);
    out.append(')');
  }

  private void formatInteger(BigInteger x, int verb, Spec spec, String type) {
    boolean big = type.equals("big.Int");
    String digits;
    String prefix = "";
    switch (verb) {
      case 'd', 'v' -> digits = x.abs().toString();
      case 's' -> {
        if (!big) {
          badVerb(verb, type, x.toString());
          return;
        }
        digits = x.abs().toString();
      }
      case 'b' -> {
        digits = x.abs().toString(2);
        prefix = spec.sharp ? "0b" : "";
      }
      case 'o', 'O' -> {
        digits = x.abs().toString(8);
        prefix = verb == 'O' ? "0o" : spec.sharp ? "0" : "";
      }
      case 'x' -> {
        digits = x.abs().toString(16);
        prefix = spec.sharp ? "0x" : "";
      }
      case 'X' -> {
        digits = x.abs().toString(16).toUpperCase(java.util.Locale.ROOT);
        prefix = spec.sharp ? "0X" : "";
      }
      case 'c', 'q', 'U' -> {
        if (big || x.bitLength() > 31) {
          badVerb(verb, type, x.toString());
          return;
        }
        formatRune(x.intValue(), verb, spec);
        return;
      }
      default -> {
        badVerb(verb, type, x.toString());
        return;
      }
    }
    if (spec.precision >= 0) {
      if (spec.precision == 0 && x.signum() == 0) {
        digits = "";
      }
      if (digits.length() < spec.precision) {
        digits = "0".repeat(spec.precision - digits.length()) + digits;
      }
    }
    String sign = x.signum() < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    padNumber(sign + prefix, digits, spec, spec.precision < 0);
  }

  private void formatRune(int codePoint, int verb, Spec spec) {
    int cp = Character.isValidCodePoint(codePoint) ? codePoint : 0xFFFD;
    String text;
    if (verb == 'c') {
      text = new String(Character.toChars(cp));
    } else if (verb == 'q') {
      text = "'" + escape(new String(Character.toChars(cp)), '\'') + "'";
    } else {
      String hex = Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT);
      text = "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
    }
    pad(text, spec);
  }

  private void formatDouble(double d, int verb, Spec spec) {
    String body;
    switch (verb) {
      case 'v', 'g' -> body = formatFloat(Math.abs(d), 'g', spec.precision, false);
      case 'G' -> body = formatFloat(Math.abs(d), 'g', spec.precision, true);
      case 'e' -> body = formatFloat(Math.abs(d), 'e', precisionOr(spec, 6), false);
      case 'E' -> body = formatFloat(Math.abs(d), 'e', precisionOr(spec, 6), true);
      case 'f', 'F' -> body = formatFloat(Math.abs(d), 'f', precisionOr(spec, 6), false);
      default -> {
        badVerb(verb, "float64", formatFloat(d, 'g', -1, false));
        return;
      }
    }
    boolean negative = d < 0 || (d == 0 && 1 / d < 0);
    String sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    padNumber(sign, body, spec, true);
  }

  private static int precisionOr(Spec spec, int fallback) {
    return spec.precision >= 0 ? spec.precision : fallback;
  }

  /**
   * Formats a non-negative double as Go's {@code strconv.FormatFloat} does for the formats 'e', 'f'
   * and 'g'; precision -1 asks for the shortest text that reads back to the same double.
   */
  static String formatFloat(double d, char fmt, int precision, boolean upper) {
    boolean negative = d < 0;
    BigDecimal exact = new BigDecimal(Math.abs(d));
    BigDecimal digitsValue;
    boolean shortest = precision < 0;
    if (shortest) {
      digitsValue = NumbersBigFloat.of(Math.abs(d)).shortestDecimal(true);
    } else if (fmt == 'f') {
      digitsValue = exact.setScale(precision, RoundingMode.HALF_EVEN);
    } else {
      int significant = fmt == 'e' ? precision + 1 : Math.max(precision, 1);
      digitsValue = exact.round(new MathContext(significant, RoundingMode.HALF_EVEN));
    }
    // digits: significant digits without trailing zeros; point: value = 0.digits * 10^point.
    String digits;
    int point;
    if (digitsValue.signum() == 0) {
      digits = "0";
      point = 1;
    } else {
      BigDecimal stripped = digitsValue.stripTrailingZeros();
      digits = stripped.unscaledValue().toString();
      point = digits.length() - stripped.scale();
    }
    String text;
    if (fmt == 'f') {
      text = fixed(digits, point, shortest ? Math.max(digits.length() - point, 0) : precision);
    } else if (fmt == 'e') {
      text = exponent(digits, point, shortest ? digits.length() - 1 : precision, upper);
    } else {
      int eprec = shortest ? 6 : Math.max(precision, 1);
      if (!shortest && eprec > digits.length() && digits.length() >= point) {
        eprec = digits.length();
      }
      int exp = digitsValue.signum() == 0 ? 0 : point - 1;
      if (exp < -4 || exp >= eprec) {
        text = exponent(digits, point, digits.length() - 1, upper);
      } else {
        text = fixed(digits, point, Math.max(digits.length() - point, 0));
      }
    }
    return negative ? "-" + text : text;
  }

  private static String fixed(String digits, int point, int fraction) {
    StringBuilder sb = new StringBuilder();
    if (point <= 0) {
      sb.append('0');
    } else {
      for (int i = 0; i < point; i++) {
        sb.append(i < digits.length() ? digits.charAt(i) : '0');
      }
    }
    if (fraction > 0) {
      sb.append('.');
      for (int i = 0; i < fraction; i++) {
        int k = point + i;
        sb.append(k >= 0 && k < digits.length() ? digits.charAt(k) : '0');
      }
    }
    return sb.toString();
  }

  private static String exponent(String digits, int point, int fraction, boolean upper) {
    StringBuilder sb = new StringBuilder();
    sb.append(digits.charAt(0));
    if (fraction > 0) {
      sb.append('.');
      for (int i = 1; i <= fraction; i++) {
        sb.append(i < digits.length() ? digits.charAt(i) : '0');
      }
    }
    int exp = digits.equals("0") ? 0 : point - 1;
    sb.append(upper ? 'E' : 'e').append(exp < 0 ? '-' : '+');
    int abs = Math.abs(exp);
    if (abs < 10) {
      sb.append('0');
    }
    return sb.append(abs).toString();
  }

  private void formatString(String s, int verb, Spec spec) {
    switch (verb) {
      case 's', 'v' -> pad(truncate(s, spec.precision), spec);
      case 'q' -> pad(goQuote(truncate(s, spec.precision)), spec);
      case 'x', 'X' -> {
        byte[] bytes =
            truncate(s, spec.precision).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
          if (spec.space && hex.length() > 0) {
            hex.append(' ');
          }
          if (spec.sharp && (spec.space || hex.length() == 0)) {
            hex.append(verb == 'x' ? "0x" : "0X");
          }
          String h = String.format(verb == 'x' ? "%02x" : "%02X", b & 0xff);
          hex.append(h);
        }
        pad(hex.toString(), spec);
      }
      default -> badVerb(verb, "string", s);
    }
  }

  private static String truncate(String s, int precision) {
    if (precision < 0 || s.codePointCount(0, s.length()) <= precision) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, precision));
  }

  /** Pads text with spaces to the width; strings ignore the zero flag. */
  private void pad(String text, Spec spec) {
    int fill = spec.width - text.codePointCount(0, text.length());
    if (fill <= 0) {
      out.append(text);
    } else if (spec.minus) {
      out.append(text).append(" ".repeat(fill));
    } else {
      out.append(" ".repeat(fill)).append(text);
    }
  }

  /** Pads a number: zeros go between the sign and the digits. */
  private void padNumber(String sign, String digits, Spec spec, boolean zeroAllowed) {
    int fill = spec.width - sign.length() - digits.length();
    if (fill <= 0) {
      out.append(sign).append(digits);
    } else if (spec.minus) {
      out.append(sign).append(digits).append(" ".repeat(fill));
    } else if (spec.zero && zeroAllowed) {
      out.append(sign).append("0".repeat(fill)).append(digits);
    } else {
      out.append(" ".repeat(fill)).append(sign).append(digits);
    }
  }

  /** Go's {@code strconv.Quote}. */
  static String goQuote(String s) {
    return "\"" + escape(s, '"') + "\"";
  }

  private static String escape(String s, char quote) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
              } else if (isPrint(cp)) {
                sb.appendCodePoint(cp);
              } else {
                switch (cp) {
                  case 7 -> sb.append("\\a");
                  case '\b' -> sb.append("\\b");
                  case '\f' -> sb.append("\\f");
                  case '\n' -> sb.append("\\n");
                  case '\r' -> sb.append("\\r");
                  case '\t' -> sb.append("\\t");
                  case 11 -> sb.append("\\v");
                  default -> {
                    if (cp < ' ' || cp == 0x7f) {
                      sb.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                      sb.append(String.format("\\u%04x", cp));
                    } else {
                      sb.append(String.format("\\U%08x", cp));
                    }
                  }
                }
              }
            });
    return sb.toString();
  }

  /** Go's {@code unicode.IsPrint}: graphic characters and the ASCII space. */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    if (cp < ' ' || cp == 0x7f) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.UNASSIGNED,
          Character.CONTROL,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  /** A value as Rego prints it: strings quoted, sets in braces, the empty set as {@code set()}. */
  static String regoText(Value v) {
    StringBuilder sb = new StringBuilder();
    appendRego(sb, v);
    return sb.toString();
  }

  private static void appendRego(StringBuilder sb, Value v) {
    if (v instanceof StringValue s) {
      sb.append(goQuote(s.value()));
    } else if (v instanceof ArrayValue a) {
      sb.append('[');
      appendAll(sb, a.elements());
      sb.append(']');
    } else if (v instanceof SetValue s) {
      if (s.isEmpty()) {
        sb.append("set()");
      } else {
        sb.append('{');
        appendAll(sb, s.elements());
        sb.append('}');
      }
    } else if (v instanceof ObjectValue o) {
      sb.append('{');
      for (int i = 0; i < o.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        appendRego(sb, o.keyAt(i));
        sb.append(": ");
        appendRego(sb, o.valueAt(i));
      }
      sb.append('}');
    } else {
      sb.append(v);
    }
  }

  private static void appendAll(StringBuilder sb, List<Value> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      appendRego(sb, items.get(i));
    }
  }
}
