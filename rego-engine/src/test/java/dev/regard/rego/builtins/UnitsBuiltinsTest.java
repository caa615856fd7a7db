package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsBuiltinsTest {

  private static Value call(String name, String arg) {
    return StandardBuiltins.registry()
        .find(name)
        .orElseThrow()
        .function()
        .call(new FixedClockContext(), new Value[] {StringValue.of(arg)});
  }

  @ParameterizedTest
  @CsvSource({
    "100m, 0.1",
    "1, 1",
    "1k, 1000",
    "1K, 1000",
    "1Ki, 1024",
    "1KI, 1024",
    "1M, 1000000",
    "1Mi, 1048576",
    "1.5G, 1500000000",
    "2e3, 2000",
    "1e3k, 1000000",
    "\"10\", 10",
    "1m, 0.001",
    "0.0000001, 0.0000001",
  })
  void parse(String input, String expected) {
    assertThat(call("units.parse", input)).isEqualTo(NumberValue.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "1KB, 1000",
    "1kib, 1024",
    "1.5MiB, 1572864",
    "2.5k, 2500",
    "1e3, 1000",
    "0.5, 0",
    "1.1, 1",
    "\"12MB\", 12000000",
  })
  void parseBytes(String input, String expected) {
    assertThat(call("units.parse_bytes", input)).isEqualTo(NumberValue.parse(expected));
  }

  @Test
  void hugeByteAmountsAreChargedBeforeTheyAreBuilt() {
    FixedClockContext ctx = new FixedClockContext(0, 1000);
    assertThatThrownBy(
            () ->
                StandardBuiltins.registry()
                    .find("units.parse_bytes")
                    .orElseThrow()
                    .function()
                    .call(ctx, new Value[] {StringValue.of("1e999999")}))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ctx.charged()).isGreaterThan(1000);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "units.parse|''|no amount provided",
        "units.parse|G|no amount provided",
        "units.parse|0.0.0|could not parse amount to a number",
        "units.parse|1 k|spaces not allowed in resource strings",
        "units.parse|1kb|unit kb not recognized",
        "units.parse|1e1234567|exponent too large",
        "units.parse_bytes|''|no byte amount provided",
        "units.parse_bytes|foo|no byte amount provided",
        "units.parse_bytes|1..2|could not parse byte amount to a number",
        "units.parse_bytes|1 kb|spaces not allowed in resource strings",
        "units.parse_bytes|1xb|byte unit xb not recognized",
        "units.parse_bytes|1e1234567|exponent too large",
      })
  void errors(String name, String input, String message) {
    assertThatThrownBy(() -> call(name, input))
        .isInstanceOf(BuiltinException.class)
        .hasMessage(message);
  }
}
