package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

class AggregatesBuiltinsTest {

  private static Value call(String name, Value arg) {
    return StandardBuiltins.registry()
        .find(name)
        .orElseThrow()
        .function()
        .call(new FixedClockContext(), new Value[] {arg});
  }

  private static Value set(String... numbers) {
    Value[] items = new Value[numbers.length];
    for (int i = 0; i < numbers.length; i++) {
      items[i] = NumberValue.parse(numbers[i]);
    }
    return SetValue.of(items);
  }

  @Test
  void countsCollectionsAndCodePoints() {
    assertThat(call("count", Json.parse("[1,2,3]"))).isEqualTo(NumberValue.of(3));
    assertThat(call("count", Json.parse("{\"a\":1}"))).isEqualTo(NumberValue.of(1));
    assertThat(call("count", set("1", "2"))).isEqualTo(NumberValue.of(2));
    assertThat(call("count", StringValue.of("h\u00e9\uD83D\uDE00"))).isEqualTo(NumberValue.of(3));
    assertThatThrownBy(() -> call("count", NumberValue.of(1)))
        .hasMessage("operand 1 must be one of {array, object, set, string} but got number");
  }

  @Test
  void sumAndProductAreExactOnBigIntegers() {
    assertThat(call("sum", Json.parse("[18446744073709551617, 1]")).toString())
        .isEqualTo("18446744073709551618");
    assertThat(call("sum", set("9223372036854775807", "1", "2")).toString())
        .isEqualTo("9223372036854775810");
    assertThat(call("product", Json.parse("[18446744073709551617, 2]")).toString())
        .isEqualTo("36893488147419103234");
    assertThat(call("sum", Json.parse("[1.5, 2.5]")).toString()).isEqualTo("4");
    assertThat(call("sum", Json.parse("[1, 2.5]")).toString()).isEqualTo("3.5");
    assertThat(call("product", Json.parse("[1.5, 2]")).toString()).isEqualTo("3");
    assertThat(call("sum", ArrayValue.EMPTY)).isEqualTo(NumberValue.ZERO);
    assertThat(call("product", ArrayValue.EMPTY)).isEqualTo(NumberValue.ONE);
  }

  @Test
  void sumRejectsNonNumbers() {
    assertThatThrownBy(() -> call("sum", Json.parse("[1, \"a\"]")))
        .hasMessage("operand 1 must be array of numbers but got array containing string");
    assertThatThrownBy(() -> call("sum", StringValue.of("a")))
        .hasMessage("operand 1 must be one of {set, array} but got string");
  }

  @Test
  void maxMinAndSortUseTheTotalOrder() {
    assertThat(call("max", Json.parse("[1, \"a\", null]"))).isEqualTo(StringValue.of("a"));
    assertThat(call("min", Json.parse("[3, 1, 2]"))).isEqualTo(NumberValue.of(1));
    assertThat(call("max", ArrayValue.EMPTY)).isNull();
    assertThat(call("min", SetValue.EMPTY)).isNull();
    assertThat(call("sort", Json.parse("[3, \"b\", 1, null]")))
        .isEqualTo(Json.parse("[null, 1, 3, \"b\"]"));
    assertThat(call("sort", set("2", "1"))).isEqualTo(Json.parse("[1, 2]"));
    assertThatThrownBy(() -> call("sort", Json.parse("{}")))
        .hasMessage("operand 1 must be one of {set, array} but got object");
  }
}
