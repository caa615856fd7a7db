package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * OPA's {@code time.*} builtins. Times are nanoseconds since the Unix epoch in a signed 64-bit
 * integer, optionally paired with an IANA zone name and a Go layout: {@code [ns, "zone",
 * "layout"]}.
 */
final class TimeBuiltins {
  private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);
  private static final BigInteger MIN_NS = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_NS = BigInteger.valueOf(Long.MAX_VALUE);

  private TimeBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("time.now_ns", fn(N), (ctx, a) -> NumberValue.of(ctx.timeNowNs()));
    b.add("time.parse_ns", fn(N, S, S), TimeBuiltins::parseNs);
    b.add("time.parse_rfc3339_ns", fn(N, S), TimeBuiltins::parseRfc3339Ns);
    b.add("time.parse_duration_ns", fn(N, S), TimeBuiltins::parseDurationNs);
    b.add("time.format", fn(S, any(N, tuple(N, S), tuple(N, S, S))), TimeBuiltins::format);
    b.add("time.date", fn(tuple(N, N, N), any(N, tuple(N, S))), TimeBuiltins::date);
    b.add("time.clock", fn(tuple(N, N, N), any(N, tuple(N, S))), TimeBuiltins::clock);
    b.add("time.weekday", fn(S, any(N, tuple(N, S))), TimeBuiltins::weekday);
    b.add("time.add_date", fn(N, N, N, N, N), TimeBuiltins::addDate);
    b.add(
        "time.diff",
        fn(tuple(N, N, N, N, N, N), any(N, tuple(N, S)), any(N, tuple(N, S))),
        TimeBuiltins::diff);
  }

  private static Value parseNs(BuiltinContext ctx, Value[] args) {
    String layout = Args.string(args, 0);
    String value = Args.string(args, 1);
    layout = TimeFormats.NAMED.getOrDefault(layout, layout);
    chargeLayout(ctx, layout, value.length());
    return parse(layout, value);
  }

  private static Value parseRfc3339Ns(BuiltinContext ctx, Value[] args) {
    String value = Args.string(args, 0);
    chargeLayout(ctx, TimeFormats.RFC3339, value.length());
    return parse(TimeFormats.RFC3339, value);
  }

  /**
   * Layout work grows with the layout's length times the text's, so a huge layout is charged for
   * before it is walked.
   */
  private static void chargeLayout(BuiltinContext ctx, String layout, int textLength) {
    ctx.charge(1 + (long) layout.length() * (layout.length() + textLength) / 64);
  }

  private static Value parse(String layout, String value) {
    try {
      long[] t = TimeFormats.parse(layout, value);
      return safeNanos(BigInteger.valueOf(t[0]).multiply(NANOS).add(BigInteger.valueOf(t[1])));
    } catch (TimeFormats.ParseException e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  /** Nanoseconds as a number, or OPA's error when they do not fit 64 bits. */
  private static Value safeNanos(BigInteger ns) {
    if (ns.compareTo(MIN_NS) < 0 || ns.compareTo(MAX_NS) > 0) {
      throw BuiltinException.error("time outside of valid range");
    }
    return NumberValue.of(ns.longValue());
  }

  private static Value format(BuiltinContext ctx, Value[] args) {
    Zoned t = zoned(args[0]);
    String layout = t.layout == null ? TimeFormats.RFC3339_NANO : t.layout;
    layout = TimeFormats.NAMED.getOrDefault(layout, layout);
    chargeLayout(ctx, layout, 0);
    return StringValue.of(TimeFormats.format(t.time, layout));
  }

  private static Value date(BuiltinContext ctx, Value[] args) {
    ZonedDateTime t = zoned(args[0]).time;
    return ArrayValue.of(
        NumberValue.of(t.getYear()),
        NumberValue.of(t.getMonthValue()),
        NumberValue.of(t.getDayOfMonth()));
  }

  private static Value clock(BuiltinContext ctx, Value[] args) {
    ZonedDateTime t = zoned(args[0]).time;
    return ArrayValue.of(
        NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()), NumberValue.of(t.getSecond()));
  }

  private static Value weekday(BuiltinContext ctx, Value[] args) {
    String name = zoned(args[0]).time.getDayOfWeek().name();
    return StringValue.of(name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT));
  }

  private static Value addDate(BuiltinContext ctx, Value[] args) {
    ZonedDateTime t = zoned(args[0]).time;
    long years = integer(args, 1);
    long months = integer(args, 2);
    long days = integer(args, 3);
    try {
      // As Go's AddDate: months and days overflow into the next unit rather than clamping.
      long month0 = t.getMonthValue() - 1 + months;
      long year = Math.addExact(Math.addExact(t.getYear(), years), Math.floorDiv(month0, 12));
      int month = (int) Math.floorMod(month0, 12) + 1;
      LocalDate d =
          LocalDate.of(Math.toIntExact(year), month, 1)
              .plusDays(Math.addExact(t.getDayOfMonth() - 1L, days));
      ZonedDateTime result =
          ZonedDateTime.ofLocal(LocalDateTime.of(d, t.toLocalTime()), t.getZone(), null);
      Instant i = result.toInstant();
      return safeNanos(
          BigInteger.valueOf(i.getEpochSecond())
              .multiply(NANOS)
              .add(BigInteger.valueOf(i.getNano())));
    } catch (ArithmeticException | DateTimeException e) {
      throw BuiltinException.error("time outside of valid range");
    }
  }

  private static Value diff(BuiltinContext ctx, Value[] args) {
    ZonedDateTime t1 = zoned(args[0]).time;
    ZonedDateTime t2 = zoned(args[1]).time.withZoneSameInstant(t1.getZone());
    if (t1.isAfter(t2)) {
      ZonedDateTime tmp = t1;
      t1 = t2;
      t2 = tmp;
    }
    int year = t2.getYear() - t1.getYear();
    int month = t2.getMonthValue() - t1.getMonthValue();
    int day = t2.getDayOfMonth() - t1.getDayOfMonth();
    int hour = t2.getHour() - t1.getHour();
    int min = t2.getMinute() - t1.getMinute();
    int sec = t2.getSecond() - t1.getSecond();
    if (sec < 0) {
      sec += 60;
      min--;
    }
    if (min < 0) {
      min += 60;
      hour--;
    }
    if (hour < 0) {
      hour += 24;
      day--;
    }
    if (day < 0) {
      day += LocalDate.of(t1.getYear(), t1.getMonthValue(), 1).lengthOfMonth();
      month--;
    }
    if (month < 0) {
      month += 12;
      year--;
    }
    return ArrayValue.of(
        NumberValue.of(year),
        NumberValue.of(month),
        NumberValue.of(day),
        NumberValue.of(hour),
        NumberValue.of(min),
        NumberValue.of(sec));
  }

  /** A time in its zone, and the layout that came with it, if any. */
  private record Zoned(ZonedDateTime time, String layout) {}

  private static Zoned zoned(Value v) {
    Value ns;
    ZoneId zone = ZoneOffset.UTC;
    String layout = null;
    if (v instanceof ArrayValue a) {
      if (a.isEmpty()) {
        throw eitherError(v);
      }
      ns = a.get(0);
      if (!(ns instanceof NumberValue)) {
        throw Args.operandError(0, "number", ns);
      }
      if (a.size() > 1) {
        zone = zone(Args.string(new Value[] {a.get(1)}, 0));
      }
      if (a.size() > 2) {
        layout = Args.string(new Value[] {a.get(2)}, 0);
      }
    } else if (v instanceof NumberValue) {
      ns = v;
    } else {
      throw eitherError(v);
    }
    NumberValue n = (NumberValue) ns;
    if (!n.fitsLong()) {
      throw BuiltinException.error("timestamp too big");
    }
    long nanos = n.longValue();
    Instant instant =
        Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    return new Zoned(instant.atZone(zone), layout);
  }

  private static BuiltinException eitherError(Value v) {
    return Args.operandError(0, "either number (ns) or [number (ns), string (tz)]", v);
  }

  private static ZoneId zone(String name) {
    switch (name) {
      case "", "UTC":
        return ZoneOffset.UTC;
      case "Local":
        return ZoneId.systemDefault();
      default:
        try {
          if (name.contains("..") || name.startsWith("/")) {
            throw new DateTimeException(name);
          }
          return ZoneId.of(name);
        } catch (DateTimeException e) {
          throw BuiltinException.error("unknown time zone " + name);
        }
    }
  }

  private static long integer(Value[] args, int i) {
    NumberValue n = Args.number(args, i);
    if (!n.fitsLong()) {
      throw BuiltinException.typeError(
          "operand " + (i + 1) + " must be integer number but got floating-point number");
    }
    return n.longValue();
  }

  private static Value parseDurationNs(BuiltinContext ctx, Value[] args) {
    String s = Args.string(args, 0);
    return NumberValue.of(parseDuration(s));
  }

  /** Go's {@code time.ParseDuration}: such as {@code "1h30m"}, {@code "-1.5s"}, {@code "300ms"}. */
  static long parseDuration(String orig) {
    int pos = 0;
    int len = orig.length();
    boolean neg = false;
    if (len > 0 && (orig.charAt(0) == '-' || orig.charAt(0) == '+')) {
      neg = orig.charAt(0) == '-';
      pos = 1;
    }
    if (orig.substring(pos).equals("0")) {
      return 0;
    }
    if (pos == len) {
      throw invalidDuration(orig);
    }
    BigDecimal limit = new BigDecimal(MAX_NS).add(BigDecimal.ONE);
    BigDecimal total = BigDecimal.ZERO;
    while (pos < len) {
      int wholeEnd = digitsEnd(orig, pos);
      int fracStart = wholeEnd;
      int fracEnd = wholeEnd;
      if (wholeEnd < len && orig.charAt(wholeEnd) == '.') {
        fracStart = wholeEnd + 1;
        fracEnd = digitsEnd(orig, fracStart);
      }
      if (wholeEnd == pos && fracEnd == fracStart) {
        throw invalidDuration(orig);
      }
      int unitEnd = fracEnd;
      while (unitEnd < len && orig.charAt(unitEnd) != '.' && !isDigit(orig.charAt(unitEnd))) {
        unitEnd++;
      }
      if (unitEnd == fracEnd) {
        throw BuiltinException.error("time: missing unit in duration " + TimeFormats.quote(orig));
      }
      String unit = orig.substring(fracEnd, unitEnd);
      long scale =
          switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default ->
                throw BuiltinException.error(
                    "time: unknown unit "
                        + TimeFormats.quote(unit)
                        + " in duration "
                        + TimeFormats.quote(orig));
          };
      String whole = orig.substring(pos, wholeEnd).replaceFirst("^0+(?=.)", "");
      if (whole.length() > 20) {
        throw invalidDuration(orig); // more digits than any duration that fits 64 bits
      }
      whole = whole.isEmpty() ? "0" : whole;
      // Digits past nanosecond precision cannot change the result.
      String frac = orig.substring(fracStart, Math.min(fracEnd, fracStart + 20));
      BigDecimal amount = new BigDecimal(frac.isEmpty() ? whole : whole + "." + frac);
      total = total.add(amount.multiply(BigDecimal.valueOf(scale)));
      if (total.compareTo(limit) > 0) {
        throw invalidDuration(orig);
      }
      pos = unitEnd;
    }
    BigInteger ns = total.toBigInteger();
    if (neg) {
      ns = ns.negate();
    }
    if (ns.compareTo(MAX_NS) > 0 || ns.compareTo(MIN_NS) < 0) {
      throw invalidDuration(orig);
    }
    return ns.longValue();
  }

  private static int digitsEnd(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static BuiltinException invalidDuration(String orig) {
    return BuiltinException.error("time: invalid duration " + TimeFormats.quote(orig));
  }
}
