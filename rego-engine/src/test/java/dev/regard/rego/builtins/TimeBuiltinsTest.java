package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.j;
import static dev.regard.rego.builtins.BuiltinCalls.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeBuiltinsTest {
  private static final long NOW = 1_670_006_453_141_828_752L; // 2022-12-02T18:40:53.141828752Z

  private static Value call(String name, Value... args) {
    return BuiltinCalls.call(new FixedClockContext(NOW, Long.MAX_VALUE), name, args);
  }

  private static Value n(long v) {
    return NumberValue.of(v);
  }

  @Test
  void nowComesFromTheContext() {
    assertThat(call("time.now_ns")).isEqualTo(n(NOW));
  }

  @ParameterizedTest
  @CsvSource({
    "1677-09-21T00:12:43.145224192-00:00, -9223372036854775808",
    "1970-01-01T00:00:00-00:00, 0",
    "2017-06-02T19:00:00-07:00, 1496455200000000000",
    "2262-04-11T23:47:16.854775807-00:00, 9223372036854775807",
    "2022-12-02T18:40:53.141828752Z, 1670006453141828752",
    "2022-12-03T00:10:53.1+05:30, 1670006453100000000"
  })
  void parseRfc3339(String text, long ns) {
    assertThat(call("time.parse_rfc3339_ns", s(text))).isEqualTo(n(ns));
  }

  @Test
  void parseRfc3339Errors() {
    assertThatThrownBy(
            () -> call("time.parse_rfc3339_ns", s("1677-09-21T00:12:43.145224191-00:00")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("time outside of valid range");
    assertThatThrownBy(() -> call("time.parse_rfc3339_ns", s("2262-04-11T23:47:16.854775808Z")))
        .hasMessage("time outside of valid range");
    assertThatThrownBy(() -> call("time.parse_rfc3339_ns", s("2020-02-30T00:00:00Z")))
        .hasMessage("parsing time \"2020-02-30T00:00:00Z\": day out of range");
    assertThatThrownBy(() -> call("time.parse_rfc3339_ns", s("yesterday")))
        .hasMessage(
            "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse"
                + " \"yesterday\" as \"2006\"");
    assertThatThrownBy(() -> call("time.parse_rfc3339_ns", s("2020-01-01T00:00:00Zjunk")))
        .hasMessage("parsing time \"2020-01-01T00:00:00Zjunk\": extra text: \"junk\"");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2006-01-02|2020-03-01|1583020800000000000",
        "RFC822Z|02 Jan 06 15:04 -0700|1136239440000000000",
        "Mon Jan _2 15:04:05 2006|Wed Feb  4 21:00:57 2009|1233781257000000000",
        "02/01/2006 3:04PM|13/05/2021 1:05AM|1620867900000000000",
        "Jan 2, 2006 at 3:04pm (MST)|Feb 3, 2013 at 7:54pm (PST)|1359921240000000000",
        "2006-01-02 15:04:05.000|2021-01-01 00:00:00.123|1609459200123000000",
        "2006-01-02 15:04:05|2021-01-01 00:00:00.5|1609459200500000000",
        "2006-002|2021-032|1612137600000000000",
        "January 2 2006|march 7 2021|1615075200000000000"
      })
  void parseWithGoLayouts(String layout, String text, long ns) {
    assertThat(call("time.parse_ns", s(layout), s(text))).isEqualTo(n(ns));
  }

  @Test
  void parseWithLayoutErrors() {
    assertThatThrownBy(() -> call("time.parse_ns", s("2006-01-02"), s("2020-13-01")))
        .hasMessage("parsing time \"2020-13-01\": month out of range");
    assertThatThrownBy(() -> call("time.parse_ns", s("2006-01-02"), s("2020-1-01")))
        .hasMessage(
            "parsing time \"2020-1-01\" as \"2006-01-02\": cannot parse \"1-01\" as \"01\"");
    assertThatThrownBy(() -> call("time.parse_ns", s("15:04"), s("25:00")))
        .hasMessage("parsing time \"25:00\": hour out of range");
    assertThatThrownBy(() -> call("time.parse_ns", n(1), s("x")))
        .hasMessage("operand 1 must be string but got number");
  }

  @ParameterizedTest
  @CsvSource({
    "100ms, 100000000",
    "1h30m, 5400000000000",
    "-1.5s, -1500000000",
    "+2us, 2000",
    "3µs, 3000",
    "0, 0",
    "1.000000001s, 1000000001",
    ".5m, 30000000000",
    "2562047h47m16.854775807s, 9223372036854775807",
    "0000000000000000000000001s, 1000000000",
    "1.0000000000000000000000001ns, 1"
  })
  void parseDuration(String text, long ns) {
    assertThat(call("time.parse_duration_ns", s(text))).isEqualTo(n(ns));
  }

  @Test
  void parseDurationErrors() {
    assertThatThrownBy(() -> call("time.parse_duration_ns", s("")))
        .hasMessage("time: invalid duration \"\"");
    assertThatThrownBy(() -> call("time.parse_duration_ns", s("1")))
        .hasMessage("time: missing unit in duration \"1\"");
    assertThatThrownBy(() -> call("time.parse_duration_ns", s("1d")))
        .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    assertThatThrownBy(() -> call("time.parse_duration_ns", s("3000000h")))
        .hasMessage("time: invalid duration \"3000000h\"");
    assertThatThrownBy(() -> call("time.parse_duration_ns", s("h")))
        .hasMessage("time: invalid duration \"h\"");
  }

  @Test
  void formatWithZonesAndLayouts() {
    assertThat(call("time.format", n(NOW))).isEqualTo(s("2022-12-02T18:40:53.141828752Z"));
    assertThat(call("time.format", j("[" + NOW + ",\"Asia/Kolkata\"]")))
        .isEqualTo(s("2022-12-03T00:10:53.141828752+05:30"));
    assertThat(
            call(
                "time.format",
                j("[" + NOW + ",\"Asia/Kolkata\",\"Mon Jan 02 15:04:05 -0700 2006\"]")))
        .isEqualTo(s("Sat Dec 03 00:10:53 +0530 2022"));
    assertThat(call("time.format", j("[" + NOW + ",\"Asia/Kolkata\",\"RFC1123Z\"]")))
        .isEqualTo(s("Sat, 03 Dec 2022 00:10:53 +0530"));
    assertThat(call("time.format", j("[" + NOW + ",\"UTC\",\"3:04:05.000PM Z07:00 __2 .999\"]")))
        .isEqualTo(s("6:40:53.141PM Z 336 .141"));
    assertThat(call("time.format", j("[0,\"\",\"2006-01-02T15:04:05.999Z07:00 MST\"]")))
        .isEqualTo(s("1970-01-01T00:00:00Z UTC"));
  }

  @Test
  void dateClockAndWeekday() {
    long ns = 1_517_832_000_000_000_000L; // 2018-02-05T12:00:00Z
    assertThat(call("time.date", n(ns))).isEqualTo(j("[2018,2,5]"));
    assertThat(call("time.clock", n(ns))).isEqualTo(j("[12,0,0]"));
    assertThat(call("time.clock", j("[" + ns + ",\"America/New_York\"]"))).isEqualTo(j("[7,0,0]"));
    assertThat(call("time.weekday", n(1_518_177_600_000_000_000L))).isEqualTo(s("Friday"));
    assertThat(call("time.date", n(-1))).isEqualTo(j("[1969,12,31]"));
  }

  @Test
  void timestampErrors() {
    assertThatThrownBy(() -> call("time.date", j("1582977600000000000000")))
        .hasMessage("timestamp too big");
    assertThatThrownBy(() -> call("time.weekday", j("1.5"))).hasMessage("timestamp too big");
    assertThatThrownBy(() -> call("time.clock", s("now")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage(
            "operand 1 must be either number (ns) or [number (ns), string (tz)] but got string");
    assertThatThrownBy(() -> call("time.clock", j("[]")))
        .hasMessage(
            "operand 1 must be either number (ns) or [number (ns), string (tz)] but got array");
    assertThatThrownBy(() -> call("time.clock", j("[0,\"Mars/Olympus\"]")))
        .hasMessage("unknown time zone Mars/Olympus");
    assertThatThrownBy(() -> call("time.clock", j("[0,1]")))
        .hasMessage("operand 1 must be string but got number");
  }

  @Test
  void addDateOverflowsLikeGo() {
    assertThat(call("time.add_date", n(1_585_852_421_593_912_000L), n(3), n(9), n(12)))
        .isEqualTo(n(1_705_257_221_593_912_000L));
    // January 31st plus one month is March 3rd (2021 is not a leap year), not February 28th.
    long jan31 = 1_612_051_200_000_000_000L; // 2021-01-31T00:00:00Z
    assertThat(call("time.date", call("time.add_date", n(jan31), n(0), n(1), n(0))))
        .isEqualTo(j("[2021,3,3]"));
    assertThat(call("time.date", call("time.add_date", n(jan31), n(-1), n(-13), n(-31))))
        .isEqualTo(j("[2018,11,30]")); // December 0th is November 30th
    assertThatThrownBy(() -> call("time.add_date", n(0), n(2262), n(1), n(1)))
        .hasMessage("time outside of valid range");
    assertThatThrownBy(() -> call("time.add_date", n(0), j("1.5"), n(1), n(1)))
        .hasMessage("operand 2 must be integer number but got floating-point number");
  }

  @Test
  void diff() {
    long t = NOW;
    assertThat(call("time.diff", n(t + 61_000_000_000L), n(t))).isEqualTo(j("[0,0,0,0,1,1]"));
    assertThat(
            call(
                "time.diff",
                j("[" + (t + 60_000_000_000L) + ",\"UTC\"]"),
                j("[" + t + ",\"Asia/Shanghai\"]")))
        .isEqualTo(j("[0,0,0,0,1,0]"));
    Value feb2 = call("time.parse_ns", s("2006-01-02"), s("2020-02-02"));
    Value mar1 = call("time.parse_ns", s("2006-01-02"), s("2020-03-01"));
    assertThat(call("time.diff", feb2, mar1)).isEqualTo(j("[0,0,28,0,0,0]"));
    Value leap = call("time.parse_ns", s("2006-01-02"), s("2004-02-29"));
    Value next = call("time.parse_ns", s("2006-01-02"), s("2005-03-01"));
    assertThat(call("time.diff", leap, next)).isEqualTo(j("[1,0,1,0,0,0]"));
    assertThat(call("time.diff", n(0), n(0)))
        .isEqualTo(ArrayValue.of(n(0), n(0), n(0), n(0), n(0), n(0)));
  }

  @Test
  void hugeLayoutsAreChargedBeforeTheyAreWalked() {
    Value layout = s("Z".repeat(100_000));
    FixedClockContext tight = new FixedClockContext(NOW, 10_000_000);
    Builtin parse = StandardBuiltins.registry().find("time.parse_ns").orElseThrow();
    assertThatThrownBy(() -> parse.function().call(tight, new Value[] {layout, s("x")}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("step budget exceeded");
    // An ordinary layout costs next to nothing.
    FixedClockContext ctx = new FixedClockContext(NOW, 10_000_000);
    parse.function().call(ctx, new Value[] {s("2006-01-02"), s("2021-01-01")});
    assertThat(ctx.charged()).isLessThan(100);
  }
}
