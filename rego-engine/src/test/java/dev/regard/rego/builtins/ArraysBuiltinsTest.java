package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static dev.regard.rego.builtins.BuiltinCalls.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArraysBuiltinsTest {
  @Test
  void concatJoinsInOrder() {
    assertThat(call("array.concat", j("[1,2]"), j("[3,[4]]"))).isEqualTo(j("[1,2,3,[4]]"));
    assertThat(call("array.concat", j("[]"), j("[1]"))).isEqualTo(j("[1]"));
    assertThat(call("array.concat", j("[1]"), j("[]"))).isEqualTo(j("[1]"));
  }

  @Test
  void concatChargesForItsOutput() {
    FixedClockContext ctx = new FixedClockContext();
    StandardBuiltins.registry()
        .find("array.concat")
        .orElseThrow()
        .function()
        .call(ctx, new Value[] {j("[1,2]"), j("[3]")});
    assertThat(ctx.charged()).isEqualTo(3);
  }

  @Test
  void concatRejectsNonArrays() {
    assertThatThrownBy(() -> call("array.concat", j("{}"), j("[]")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("operand 1 must be array but got object")
        .extracting(e -> ((BuiltinException) e).kind())
        .isEqualTo(BuiltinException.Kind.TYPE);
    assertThatThrownBy(() -> call("array.concat", j("[]"), j("{}")))
        .hasMessage("operand 2 must be array but got object");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1; 3; [2,3]",
        "0; 5; [1,2,3,4,5]",
        "-4; 2; [1,2]",
        "3; 100; [4,5]",
        "4; 2; []",
        "2; 2; []",
        "7; 9; []",
        "0; -1; []"
      })
  void sliceClampsItsBounds(int start, int stop, String expected) {
    assertThat(call("array.slice", j("[1,2,3,4,5]"), NumberValue.of(start), NumberValue.of(stop)))
        .isEqualTo(j(expected));
  }

  @Test
  void sliceNeedsIntegerBounds() {
    assertThatThrownBy(() -> call("array.slice", j("[1]"), j("1.5"), j("2")))
        .hasMessage("operand 2 must be integer number but got floating-point number");
    assertThatThrownBy(() -> call("array.slice", j("[1]"), j("1"), j("\"2\"")))
        .hasMessage("operand 3 must be number but got string");
    assertThatThrownBy(() -> call("array.slice", j("\"x\""), j("1"), j("2")))
        .hasMessage("operand 1 must be array but got string");
  }

  @Test
  void reverse() {
    assertThat(call("array.reverse", j("[1,[2],\"c\"]"))).isEqualTo(j("[\"c\",[2],1]"));
    assertThat(call("array.reverse", j("[]"))).isEqualTo(j("[]"));
    assertThatThrownBy(() -> call("array.reverse", j("null")))
        .hasMessage("operand 1 must be array but got null");
  }

  @Test
  void flattenSplicesOneLevel() {
    assertThat(call("array.flatten", j("[[1,2],\"s\",[3,{\"a\":\"b\"}],4.5,[6,[7,8]],[]]")))
        .isEqualTo(j("[1,2,\"s\",3,{\"a\":\"b\"},4.5,6,[7,8]]"));
    assertThatThrownBy(() -> call("array.flatten", j("42")))
        .hasMessage("operand 1 must be array but got number");
  }
}
