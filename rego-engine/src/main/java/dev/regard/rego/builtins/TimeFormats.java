package dev.regard.rego.builtins;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Go's reference-time layouts ({@code "2006-01-02T15:04:05Z07:00"}): formatting and parsing with
 * the behaviour and error messages of Go's {@code time} package.
 */
final class TimeFormats {
  static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
  static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

  /** Layout names OPA accepts in place of a layout. */
  static final Map<String, String> NAMED =
      Map.of(
          "ANSIC", "Mon Jan _2 15:04:05 2006",
          "UnixDate", "Mon Jan _2 15:04:05 MST 2006",
          "RubyDate", "Mon Jan 02 15:04:05 -0700 2006",
          "RFC822", "02 Jan 06 15:04 MST",
          "RFC822Z", "02 Jan 06 15:04 -0700",
          "RFC850", "Monday, 02-Jan-06 15:04:05 MST",
          "RFC1123", "Mon, 02 Jan 2006 15:04:05 MST",
          "RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700",
          "RFC3339", RFC3339,
          "RFC3339Nano", RFC3339_NANO);

  private static final String[] MONTHS = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
  };
  private static final String[] DAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };

  private static final DateTimeFormatter ZONE_NAME =
      DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

  private TimeFormats() {}

  /** The kinds of layout element, as Go's {@code nextStdChunk} names them. */
  enum Std {
    LONG_MONTH("January"),
    MONTH("Jan"),
    NUM_MONTH("1"),
    ZERO_MONTH("01"),
    LONG_WEEKDAY("Monday"),
    WEEKDAY("Mon"),
    DAY("2"),
    UNDER_DAY("_2"),
    ZERO_DAY("02"),
    UNDER_YEAR_DAY("__2"),
    ZERO_YEAR_DAY("002"),
    HOUR("15"),
    HOUR12("3"),
    ZERO_HOUR12("03"),
    MINUTE("4"),
    ZERO_MINUTE("04"),
    SECOND("5"),
    ZERO_SECOND("05"),
    LONG_YEAR("2006"),
    YEAR("06"),
    PM("PM"),
    LOWER_PM("pm"),
    TZ("MST"),
    ISO8601_TZ("Z0700"),
    ISO8601_SECONDS_TZ("Z070000"),
    ISO8601_SHORT_TZ("Z07"),
    ISO8601_COLON_TZ("Z07:00"),
    ISO8601_COLON_SECONDS_TZ("Z07:00:00"),
    NUM_TZ("-0700"),
    NUM_SECONDS_TZ("-070000"),
    NUM_SHORT_TZ("-07"),
    NUM_COLON_TZ("-07:00"),
    NUM_COLON_SECONDS_TZ("-07:00:00"),
    FRAC0(null),
    FRAC9(null);

    final String text;

    Std(String text) {
      this.text = text;
    }
  }

  /** One step of a layout: literal text before an element, the element, and its text. */
  record Chunk(String prefix, Std std, String text, String suffix) {}

  /** Splits off the first element of {@code layout}; {@code std} is null when there is none. */
  static Chunk next(String layout) {
    for (int i = 0; i < layout.length(); i++) {
      char c = layout.charAt(i);
      // Every element is at most nine characters long, except fractions, which read the layout.
      String rest = layout.substring(i, Math.min(layout.length(), i + 9));
      Std std = null;
      int len = 0;
      switch (c) {
        case 'J':
          if (rest.startsWith("Jan")) {
            std = rest.startsWith("January") ? Std.LONG_MONTH : Std.MONTH;
            len = std == Std.LONG_MONTH ? 7 : 3;
          }
          break;
        case 'M':
          if (rest.startsWith("Monday")) {
            std = Std.LONG_WEEKDAY;
            len = 6;
          } else if (rest.startsWith("Mon")) {
            std = Std.WEEKDAY;
            len = 3;
          } else if (rest.startsWith("MST")) {
            std = Std.TZ;
            len = 3;
          }
          break;
        case '0':
          if (rest.length() >= 2 && rest.charAt(1) >= '1' && rest.charAt(1) <= '6') {
            std =
                switch (rest.charAt(1)) {
                  case '1' -> Std.ZERO_MONTH;
                  case '2' -> Std.ZERO_DAY;
                  case '3' -> Std.ZERO_HOUR12;
                  case '4' -> Std.ZERO_MINUTE;
                  case '5' -> Std.ZERO_SECOND;
                  default -> Std.YEAR;
                };
            len = 2;
          }
          if (rest.startsWith("002")) {
            std = Std.ZERO_YEAR_DAY;
            len = 3;
          }
          break;
        case '1':
          if (rest.startsWith("15")) {
            std = Std.HOUR;
            len = 2;
          } else {
            std = Std.NUM_MONTH;
            len = 1;
          }
          break;
        case '2':
          if (rest.startsWith("2006")) {
            std = Std.LONG_YEAR;
            len = 4;
          } else {
            std = Std.DAY;
            len = 1;
          }
          break;
        case '_':
          if (rest.startsWith("_2")) {
            if (rest.startsWith("_2006")) {
              // "_2006" is a literal underscore followed by a year.
              return new Chunk(
                  layout.substring(0, i + 1), Std.LONG_YEAR, "2006", layout.substring(i + 5));
            }
            std = Std.UNDER_DAY;
            len = 2;
          }
          if (rest.startsWith("__2")) {
            std = Std.UNDER_YEAR_DAY;
            len = 3;
          }
          break;
        case '3':
          std = Std.HOUR12;
          len = 1;
          break;
        case '4':
          std = Std.MINUTE;
          len = 1;
          break;
        case '5':
          std = Std.SECOND;
          len = 1;
          break;
        case 'P':
          if (rest.startsWith("PM")) {
            std = Std.PM;
            len = 2;
          }
          break;
        case 'p':
          if (rest.startsWith("pm")) {
            std = Std.LOWER_PM;
            len = 2;
          }
          break;
        case '-':
          for (Std s :
              new Std[] {
                Std.NUM_COLON_SECONDS_TZ,
                Std.NUM_SECONDS_TZ,
                Std.NUM_COLON_TZ,
                Std.NUM_TZ,
                Std.NUM_SHORT_TZ
              }) {
            if (rest.startsWith(s.text)) {
              std = s;
              len = s.text.length();
              break;
            }
          }
          break;
        case 'Z':
          for (Std s :
              new Std[] {
                Std.ISO8601_COLON_SECONDS_TZ,
                Std.ISO8601_SECONDS_TZ,
                Std.ISO8601_COLON_TZ,
                Std.ISO8601_TZ,
                Std.ISO8601_SHORT_TZ
              }) {
            if (rest.startsWith(s.text)) {
              std = s;
              len = s.text.length();
              break;
            }
          }
          break;
        case '.':
        case ',':
          if (rest.length() >= 2 && (rest.charAt(1) == '0' || rest.charAt(1) == '9')) {
            char digit = rest.charAt(1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == digit) {
              j++;
            }
            // A fraction counts only when no digit follows it.
            if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
              std = digit == '0' ? Std.FRAC0 : Std.FRAC9;
              len = j - i;
            }
          }
          break;
        default:
          break;
      }
      if (std != null) {
        return new Chunk(
            layout.substring(0, i), std, layout.substring(i, i + len), layout.substring(i + len));
      }
    }
    return new Chunk(layout, null, "", "");
  }

  /** Formats {@code t} with a Go layout. */
  static String format(ZonedDateTime t, String layout) {
    StringBuilder out = new StringBuilder();
    String rest = layout;
    while (!rest.isEmpty()) {
      Chunk c = next(rest);
      out.append(c.prefix());
      if (c.std() == null) {
        break;
      }
      rest = c.suffix();
      int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
      int offset = t.getOffset().getTotalSeconds();
      switch (c.std()) {
        case LONG_YEAR -> out.append(pad(t.getYear(), 4));
        case YEAR -> out.append(pad(Math.floorMod(t.getYear(), 100), 2));
        case LONG_MONTH -> out.append(MONTHS[t.getMonthValue() - 1]);
        case MONTH -> out.append(MONTHS[t.getMonthValue() - 1], 0, 3);
        case NUM_MONTH -> out.append(t.getMonthValue());
        case ZERO_MONTH -> out.append(pad(t.getMonthValue(), 2));
        case LONG_WEEKDAY -> out.append(weekday(t));
        case WEEKDAY -> out.append(weekday(t), 0, 3);
        case DAY -> out.append(t.getDayOfMonth());
        case UNDER_DAY -> out.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
        case ZERO_DAY -> out.append(pad(t.getDayOfMonth(), 2));
        case UNDER_YEAR_DAY -> out.append(String.format("%3d", t.getDayOfYear()));
        case ZERO_YEAR_DAY -> out.append(pad(t.getDayOfYear(), 3));
        case HOUR -> out.append(pad(t.getHour(), 2));
        case HOUR12 -> out.append(hour12);
        case ZERO_HOUR12 -> out.append(pad(hour12, 2));
        case MINUTE -> out.append(t.getMinute());
        case ZERO_MINUTE -> out.append(pad(t.getMinute(), 2));
        case SECOND -> out.append(t.getSecond());
        case ZERO_SECOND -> out.append(pad(t.getSecond(), 2));
        case PM -> out.append(t.getHour() >= 12 ? "PM" : "AM");
        case LOWER_PM -> out.append(t.getHour() >= 12 ? "pm" : "am");
        case TZ -> out.append(abbreviation(t));
        case FRAC0, FRAC9 -> fraction(out, c, t.getNano());
        default -> zone(out, c.std(), offset);
      }
    }
    return out.toString();
  }

  private static String weekday(ZonedDateTime t) {
    return DAYS[t.getDayOfWeek().getValue() % 7];
  }

  private static String abbreviation(ZonedDateTime t) {
    ZoneId zone = t.getZone();
    if (zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC")) {
      return "UTC";
    }
    if (!(zone instanceof ZoneOffset)) {
      String name = ZONE_NAME.format(t);
      if (name.matches("[A-Z]{3,5}")) {
        return name;
      }
    }
    // Go prints a zone without an abbreviation as its numeric offset.
    StringBuilder out = new StringBuilder();
    zone(out, Std.NUM_TZ, t.getOffset().getTotalSeconds());
    return out.toString();
  }

  private static void fraction(StringBuilder out, Chunk c, int nanos) {
    int digits = c.text().length() - 1;
    String all = pad(nanos, 9).substring(0, Math.min(9, digits));
    if (c.std() == Std.FRAC0) {
      out.append(c.text().charAt(0)).append(all);
      return;
    }
    String trimmed = all.replaceFirst("0+$", "");
    if (!trimmed.isEmpty()) {
      out.append(c.text().charAt(0)).append(trimmed);
    }
  }

  private static void zone(StringBuilder out, Std std, int offset) {
    boolean iso = std.name().startsWith("ISO");
    if (iso && offset == 0) {
      out.append('Z');
      return;
    }
    int abs = Math.abs(offset);
    out.append(offset < 0 ? '-' : '+');
    out.append(pad(abs / 3600, 2));
    boolean colon = std.text.contains(":");
    boolean shortForm = std == Std.ISO8601_SHORT_TZ || std == Std.NUM_SHORT_TZ;
    if (!shortForm) {
      if (colon) {
        out.append(':');
      }
      out.append(pad(abs / 60 % 60, 2));
    }
    if (std == Std.ISO8601_SECONDS_TZ
        || std == Std.NUM_SECONDS_TZ
        || std == Std.ISO8601_COLON_SECONDS_TZ
        || std == Std.NUM_COLON_SECONDS_TZ) {
      if (colon) {
        out.append(':');
      }
      out.append(pad(abs % 60, 2));
    }
  }

  private static String pad(int v, int width) {
    String s = Integer.toString(Math.abs(v));
    StringBuilder out = new StringBuilder(v < 0 ? "-" : "");
    for (int i = s.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(s).toString();
  }

  /** A failed parse, with Go's message. */
  static final class ParseException extends Exception {
    ParseException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Parses {@code value} with a Go layout. Without a zone in the text the time is UTC.
   *
   * @return the instant as epoch seconds and nanoseconds: {@code [seconds, nanos]}
   */
  static long[] parse(String layout, String value) throws ParseException {
    String origLayout = layout;
    String origValue = value;
    int year = 0; // as Go: a layout without a year means year 0
    int month = -1;
    int day = -1;
    int yday = -1;
    int hour = 0;
    int min = 0;
    int sec = 0;
    int nsec = 0;
    boolean pmSet = false;
    boolean amSet = false;
    Integer zoneOffset = null;
    while (true) {
      Chunk c = next(layout);
      String stdText = c.text();
      String prefix = c.prefix();
      if (!value.startsWith(prefix)) {
        throw cannotParse(origLayout, origValue, value, prefix);
      }
      value = value.substring(prefix.length());
      if (c.std() == null) {
        if (!value.isEmpty()) {
          throw new ParseException(
              "parsing time " + quote(origValue) + ": extra text: " + quote(value));
        }
        break;
      }
      layout = c.suffix();
      String hold = value;
      String rangeErr = null;
      try {
        switch (c.std()) {
          case YEAR -> {
            int y = Integer.parseInt(digits(value, 2));
            value = value.substring(2);
            year = y >= 69 ? 1900 + y : 2000 + y;
          }
          case LONG_YEAR -> {
            year = Integer.parseInt(digits(value, 4));
            value = value.substring(4);
          }
          case MONTH, LONG_MONTH -> {
            int m = lookup(value, c.std() == Std.MONTH ? 3 : 0, MONTHS);
            String name = MONTHS[m];
            value = value.substring(c.std() == Std.MONTH ? 3 : name.length());
            month = m + 1;
          }
          case NUM_MONTH, ZERO_MONTH -> {
            int[] r = number(value, c.std() == Std.ZERO_MONTH);
            month = r[0];
            value = value.substring(r[1]);
            if (month <= 0 || month > 12) {
              rangeErr = "month";
            }
          }
          case WEEKDAY, LONG_WEEKDAY -> {
            int d = lookup(value, c.std() == Std.WEEKDAY ? 3 : 0, DAYS);
            value = value.substring(c.std() == Std.WEEKDAY ? 3 : DAYS[d].length());
          }
          case DAY, UNDER_DAY, ZERO_DAY -> {
            if (c.std() == Std.UNDER_DAY && value.startsWith(" ")) {
              value = value.substring(1);
            }
            int[] r = number(value, c.std() == Std.ZERO_DAY);
            day = r[0];
            value = value.substring(r[1]);
          }
          case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
            int skip = 0;
            while (c.std() == Std.UNDER_YEAR_DAY && skip < 2 && value.startsWith(" ")) {
              value = value.substring(1);
              skip++;
            }
            int n = 0;
            while (n < 3 && n < value.length() && Character.isDigit(value.charAt(n))) {
              n++;
            }
            if (n == 0 || (c.std() == Std.ZERO_YEAR_DAY && n < 3)) {
              throw new NumberFormatException();
            }
            yday = Integer.parseInt(value.substring(0, n));
            value = value.substring(n);
          }
          case HOUR -> {
            int[] r = number(value, false);
            hour = r[0];
            value = value.substring(r[1]);
            if (hour < 0 || hour >= 24) {
              rangeErr = "hour";
            }
          }
          case HOUR12, ZERO_HOUR12 -> {
            int[] r = number(value, c.std() == Std.ZERO_HOUR12);
            hour = r[0];
            value = value.substring(r[1]);
            if (hour < 0 || hour > 12) {
              rangeErr = "hour";
            }
          }
          case MINUTE, ZERO_MINUTE -> {
            int[] r = number(value, c.std() == Std.ZERO_MINUTE);
            min = r[0];
            value = value.substring(r[1]);
            if (min < 0 || min >= 60) {
              rangeErr = "minute";
            }
          }
          case SECOND, ZERO_SECOND -> {
            int[] r = number(value, c.std() == Std.ZERO_SECOND);
            sec = r[0];
            value = value.substring(r[1]);
            if (sec < 0 || sec >= 60) {
              rangeErr = "second";
              break;
            }
            // Fractional seconds may follow even when the layout does not show them.
            if (value.length() >= 2
                && (value.charAt(0) == '.' || value.charAt(0) == ',')
                && Character.isDigit(value.charAt(1))) {
              Std following = next(layout).std();
              if (following == Std.FRAC0 || following == Std.FRAC9) {
                break;
              }
              int n = 2;
              while (n < value.length() && Character.isDigit(value.charAt(n))) {
                n++;
              }
              nsec = nanos(value.substring(1, n));
              value = value.substring(n);
            }
          }
          case PM, LOWER_PM -> {
            if (value.length() < 2) {
              throw new NumberFormatException();
            }
            String p = value.substring(0, 2);
            boolean upper = c.std() == Std.PM;
            if (p.equals(upper ? "PM" : "pm")) {
              pmSet = true;
            } else if (p.equals(upper ? "AM" : "am")) {
              amSet = true;
            } else {
              throw new NumberFormatException();
            }
            value = value.substring(2);
          }
          case TZ -> {
            if (value.length() >= 3 && value.startsWith("UTC")) {
              value = value.substring(3);
              zoneOffset = 0;
              break;
            }
            int n = 0;
            while (n < value.length() && Character.isUpperCase(value.charAt(n))) {
              n++;
            }
            if (n < 3 || n > 5) {
              throw new NumberFormatException();
            }
            // An abbreviation alone does not say the offset; as Go, the time is read as UTC.
            value = value.substring(n);
            zoneOffset = 0;
          }
          case FRAC0 -> {
            int ndigit = stdText.length();
            if (value.length() < ndigit || value.charAt(0) != stdText.charAt(0)) {
              throw new NumberFormatException();
            }
            nsec = nanos(digits(value.substring(1), ndigit - 1));
            value = value.substring(ndigit);
          }
          case FRAC9 -> {
            if (value.length() < 2
                || (value.charAt(0) != '.' && value.charAt(0) != ',')
                || !Character.isDigit(value.charAt(1))) {
              break; // the fraction is optional
            }
            int n = 1;
            while (n < value.length() && Character.isDigit(value.charAt(n))) {
              n++;
            }
            nsec = nanos(value.substring(1, n));
            value = value.substring(n);
          }
          default -> {
            if (c.std().name().startsWith("ISO") && value.startsWith("Z")) {
              value = value.substring(1);
              zoneOffset = 0;
              break;
            }
            int[] r = offset(c.std(), value);
            zoneOffset = r[0];
            value = value.substring(r[1]);
          }
        }
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw cannotParse(origLayout, origValue, hold, stdText);
      }
      if (rangeErr != null) {
        throw new ParseException(
            "parsing time " + quote(origValue) + ": " + rangeErr + " out of range");
      }
    }
    if (pmSet && hour < 12) {
      hour += 12;
    } else if (amSet && hour == 12) {
      hour = 0;
    }
    if (yday >= 0) {
      if (yday < 1 || yday > (LocalDate.of(year, 1, 1).isLeapYear() ? 366 : 365)) {
        throw new ParseException("parsing time " + quote(origValue) + ": day-of-year out of range");
      }
      LocalDate d = LocalDate.ofYearDay(year, yday);
      if ((month >= 0 && month != d.getMonthValue()) || (day >= 0 && day != d.getDayOfMonth())) {
        throw new ParseException(
            "parsing time "
                + quote(origValue)
                + ": day-of-year does not match "
                + (month >= 0 && month != d.getMonthValue() ? "month" : "day"));
      }
      month = d.getMonthValue();
      day = d.getDayOfMonth();
    }
    if (month < 0) {
      month = 1;
    }
    if (day < 0) {
      day = 1;
    }
    if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      throw new ParseException("parsing time " + quote(origValue) + ": day out of range");
    }
    try {
      long epoch =
          LocalDate.of(year, month, day).toEpochDay() * 86400L
              + hour * 3600L
              + min * 60L
              + sec
              - (zoneOffset == null ? 0 : zoneOffset);
      return new long[] {epoch, nsec};
    } catch (DateTimeException e) {
      throw new ParseException("parsing time " + quote(origValue) + ": " + e.getMessage());
    }
  }

  private static String digits(String value, int n) {
    if (value.length() < n) {
      throw new NumberFormatException();
    }
    for (int i = 0; i < n; i++) {
      if (!isAsciiDigit(value.charAt(i))) {
        throw new NumberFormatException();
      }
    }
    return value.substring(0, n);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Go's {@code getnum}: one or two digits, exactly two when {@code fixed}. */
  private static int[] number(String value, boolean fixed) {
    if (value.isEmpty() || !isAsciiDigit(value.charAt(0))) {
      throw new NumberFormatException();
    }
    if (value.length() < 2 || !isAsciiDigit(value.charAt(1))) {
      if (fixed) {
        throw new NumberFormatException();
      }
      return new int[] {value.charAt(0) - '0', 1};
    }
    return new int[] {(value.charAt(0) - '0') * 10 + (value.charAt(1) - '0'), 2};
  }

  private static int lookup(String value, int length, String[] names) {
    for (int i = 0; i < names.length; i++) {
      String name = length > 0 ? names[i].substring(0, length) : names[i];
      if (value.length() >= name.length() && value.regionMatches(true, 0, name, 0, name.length())) {
        return i;
      }
    }
    throw new NumberFormatException();
  }

  private static int nanos(String digits) {
    String d = digits.length() > 9 ? digits.substring(0, 9) : digits;
    StringBuilder s = new StringBuilder(d);
    while (s.length() < 9) {
      s.append('0');
    }
    return Integer.parseInt(s.toString());
  }

  /** A numeric zone offset in seconds and the length of its text. */
  private static int[] offset(Std std, String value) {
    String sign;
    String hh;
    String mm = "00";
    String ss = "00";
    int len;
    switch (std) {
      case ISO8601_COLON_TZ, NUM_COLON_TZ -> {
        if (value.charAt(3) != ':') {
          throw new NumberFormatException();
        }
        sign = value.substring(0, 1);
        hh = value.substring(1, 3);
        mm = value.substring(4, 6);
        len = 6;
      }
      case NUM_SHORT_TZ, ISO8601_SHORT_TZ -> {
        sign = value.substring(0, 1);
        hh = value.substring(1, 3);
        len = 3;
      }
      case ISO8601_COLON_SECONDS_TZ, NUM_COLON_SECONDS_TZ -> {
        if (value.charAt(3) != ':' || value.charAt(6) != ':') {
          throw new NumberFormatException();
        }
        sign = value.substring(0, 1);
        hh = value.substring(1, 3);
        mm = value.substring(4, 6);
        ss = value.substring(7, 9);
        len = 9;
      }
      case ISO8601_SECONDS_TZ, NUM_SECONDS_TZ -> {
        sign = value.substring(0, 1);
        hh = value.substring(1, 3);
        mm = value.substring(3, 5);
        ss = value.substring(5, 7);
        len = 7;
      }
      default -> {
        sign = value.substring(0, 1);
        hh = value.substring(1, 3);
        mm = value.substring(3, 5);
        len = 5;
      }
    }
    if (!sign.equals("+") && !sign.equals("-")) {
      throw new NumberFormatException();
    }
    int seconds =
        Integer.parseInt(digits(hh, 2)) * 3600
            + Integer.parseInt(digits(mm, 2)) * 60
            + Integer.parseInt(digits(ss, 2));
    return new int[] {sign.equals("-") ? -seconds : seconds, len};
  }

  private static ParseException cannotParse(
      String layout, String value, String rest, String element) {
    return new ParseException(
        "parsing time "
            + quote(value)
            + " as "
            + quote(layout)
            + ": cannot parse "
            + quote(rest)
            + " as "
            + quote(element));
  }

  /** A string in double quotes with Go's escapes for quotes, backslashes and controls. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
