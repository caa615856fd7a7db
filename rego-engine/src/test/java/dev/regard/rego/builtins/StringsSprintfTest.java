package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringsSprintfTest {
  private static String sprintf(String format, Value... args) {
    return ((StringValue)
            StringsBuiltinsTest.call("sprintf", StringValue.of(format), ArrayValue.of(args)))
        .value();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "%d|42|42",
        "%v|123456789123456789123|123456789123456789123",
        "%s|1208925819614629174706175|1208925819614629174706175",
        "%5d|42|'   42'",
        "%-5d|42|'42   '",
        "%05d|-42|-0042",
        "%+d|42|+42",
        "%x|255|ff",
        "%X|255|FF",
        "%#x|255|0xff",
        "%o|8|10",
        "%b|5|101",
        "%c|65|A",
        "%.2f|3.14159|3.14",
        "%f|2.5|2.500000",
        "%8.3f|-2.5|'  -2.500'",
        "%e|1234.5678|1.234568e+03",
        "%g|0.000012345|1.2345e-05",
        "%v|2.5|2.5",
        "%v|1e-7|1e-07",
        "%v|0.1|0.1",
        "%.3g|3.14159|3.14",
        "%d|2.5|%!d(float64=2.5)",
        "%s|5|%!s(int=5)",
        "%f|5|%!f(int=5)",
        "%d|3.0|%!d(float64=3)",
        "%v|3.0|3",
        "%v|1e30|1e+30",
        "hi %02X.%02X|127|hi 7F.%!X(MISSING)",
      })
  void numbersFormatAsGoFormatsThem(String format, String number, String expected) {
    assertThat(sprintf(format, NumberValue.parse(number))).isEqualTo(expected);
  }

  @Test
  void stringsAndOtherValues() {
    assertThat(sprintf("hello %s!", StringValue.of("world"))).isEqualTo("hello world!");
    assertThat(sprintf("%q", StringValue.of("a\"b\n"))).isEqualTo("\"a\\\"b\\n\"");
    assertThat(
            sprintf(
                "%.2s|%5s|%-5s|", StringValue.of("abc"), StringValue.of("x"), StringValue.of("y")))
        .isEqualTo("ab|    x|y    |");
    assertThat(sprintf("%x", StringValue.of("hi"))).isEqualTo("6869");
    assertThat(sprintf("%d", StringValue.of("x"))).isEqualTo("%!d(string=x)");
    assertThat(sprintf("%v %v", BooleanValue.TRUE, NullValue.INSTANCE)).isEqualTo("true null");
    assertThat(sprintf("%t", BooleanValue.TRUE)).isEqualTo("%!t(string=true)");
    assertThat(sprintf("%v", Json.parse("[1, \"a\", {\"k\": [true]}]")))
        .isEqualTo("[1, \"a\", {\"k\": [true]}]");
    assertThat(sprintf("%v|%v", SetValue.of(NumberValue.of(2), NumberValue.of(1)), SetValue.EMPTY))
        .isEqualTo("{1, 2}|set()");
  }

  @Test
  void opaExamples() {
    assertThat(sprintf("hi %02X.%02X", NumberValue.of(127), NumberValue.of(1)))
        .isEqualTo("hi 7F.01");
    assertThat(sprintf("hi %.2f", NumberValue.parse("3.1415"))).isEqualTo("hi 3.14");
    assertThat(sprintf("hi %s", BooleanValue.TRUE)).isEqualTo("hi true");
    assertThat(sprintf("hi %v", Json.parse("[\"there\", 5, 3.14]")))
        .isEqualTo("hi [\"there\", 5, 3.14]");
  }

  @Test
  void goErrorMarkers() {
    assertThat(sprintf("100%%")).isEqualTo("100%");
    assertThat(sprintf("%d %d", NumberValue.of(1))).isEqualTo("1 %!d(MISSING)");
    assertThat(sprintf("%d", NumberValue.of(1), StringValue.of("x")))
        .isEqualTo("1%!(EXTRA string=x)");
    assertThat(sprintf("%", NumberValue.of(1))).isEqualTo("%!(NOVERB)%!(EXTRA int=1)");
    assertThat(sprintf("%*d", NumberValue.of(4), NumberValue.of(7))).isEqualTo("   7");
    assertThat(sprintf("%*d", StringValue.of("x"), NumberValue.of(7))).isEqualTo("%!(BADWIDTH)7");
    assertThat(sprintf("%99999999d|", NumberValue.of(7))).isEqualTo("%!(NOVERB)%!(EXTRA int=7)");
  }

  @Test
  void operandErrorsAndWidthCharging() {
    assertThatThrownBy(
            () -> StringsBuiltinsTest.call("sprintf", StringValue.of("%d"), NumberValue.of(1)))
        .hasMessage("operand 2 must be array but got number");
    FixedClockContext ctx = new FixedClockContext();
    String wide = StringsSprintf.format(ctx, "%1000d", ArrayValue.of(NumberValue.of(1)));
    assertThat(wide).hasSize(1000);
    assertThat(ctx.charged()).isGreaterThanOrEqualTo(1000);
  }
}
