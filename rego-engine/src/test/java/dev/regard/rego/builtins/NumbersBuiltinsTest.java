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

class NumbersBuiltinsTest {

  private static Value call(String name, Value... args) {
    return call(new FixedClockContext(), name, args);
  }

  private static Value call(BuiltinContext ctx, String name, Value... args) {
    Builtin builtin = StandardBuiltins.registry().find(name).orElseThrow();
    assertThat(builtin.arity()).isEqualTo(args.length);
    return builtin.function().call(ctx, args);
  }

  private static NumberValue n(String text) {
    return NumberValue.parse(text);
  }

  private static String text(String name, Value... args) {
    return call(name, args).toString();
  }

  @ParameterizedTest
  @CsvSource({
    "plus, 2147483647, 1, 2147483648",
    "plus, 18446744073709551617, 1, 18446744073709551618",
    "plus, 1.5, 2.5, 4",
    "plus, 1, 2.5, 3.5",
    "plus, 0.1, 0.2, 0.3",
    "plus, 1e30, 1, 1000000000000000000000000000001",
    "plus, 10.00, 5, 15",
    "minus, -2147483648, 1, -2147483649",
    "minus, -18446744073709551617, 1, -18446744073709551618",
    "mul, 2147483647, 2147483647, 4611686014132420609",
    "mul, 18446744073709551617, 2, 36893488147419103234",
    "mul, 2.5, 2, 5",
    "div, 6, 3, 2",
    "div, -6, 3, -2",
    "div, 1, 4, 0.25",
    "div, 0, 5, 0",
    "div, 1, 3, 0.33333333333333333334",
    "div, 2, 3, 0.6666666666666666667",
    "rem, -17, 5, -2",
    "rem, 17, -5, 2",
    "rem, 4.0, 3, 1",
    "rem, 10, 18446744073709551616, 10",
    "rem, 18446744073709551617, 18446744073709551616, 1",
  })
  void arithmeticMatchesOpa(String op, String x, String y, String expected) {
    assertThat(text(op, n(x), n(y))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "abs, -5, 5",
    "abs, -9223372036854775808, 9223372036854775808",
    "abs, -2.5, 2.5",
    "round, 2.5, 3",
    "round, -2.5, -3",
    "round, 2.4, 2",
    "round, -5, -5",
    "round, 10.00, 10",
    "ceil, 1.01, 2",
    "ceil, -1.5, -1",
    "floor, 1.5, 1",
    "floor, -1.001, -2",
    "floor, 99.99999, 99",
    // Mathematical results between -1 and 0 (OPA's big.Float code yields 1 and 0 here).
    "ceil, -0.5, 0",
    "floor, -0.5, -1",
  })
  void unaryMatchesOpa(String op, String x, String expected) {
    assertThat(text(op, n(x))).isEqualTo(expected);
  }

  @Test
  void divisionAndRemainderErrors() {
    assertThatThrownBy(() -> call("div", n("1"), n("0")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("divide by zero");
    assertThatThrownBy(() -> call("div", n("1"), n("0.0"))).hasMessage("divide by zero");
    assertThatThrownBy(() -> call("rem", n("1"), n("0"))).hasMessage("modulo by zero");
    assertThatThrownBy(() -> call("rem", n("1.5"), n("1")))
        .hasMessage("modulo on floating-point number");
    BuiltinException e =
        (BuiltinException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> call("plus", StringValue.of("1"), n("1")));
    assertThat(e.kind()).isEqualTo(BuiltinException.Kind.TYPE);
    assertThat(e).hasMessage("operand 1 must be number but got string");
  }

  @Test
  void minusIsAlsoSetDifference() {
    SetValue a = SetValue.of(n("1"), n("2"), n("3"));
    SetValue b = SetValue.of(n("2"));
    assertThat(call("minus", a, b)).isEqualTo(SetValue.of(n("1"), n("3")));
    assertThatThrownBy(() -> call("minus", a, n("1")))
        .hasMessage("operand 2 must be set but got number");
    assertThatThrownBy(() -> call("minus", n("1"), a))
        .hasMessage("operand 2 must be number but got set");
    assertThatThrownBy(() -> call("minus", a, StringValue.of("x")))
        .hasMessage("operand 2 must be number but got string");
    assertThatThrownBy(() -> call("minus", StringValue.of("x"), a))
        .hasMessage("operand 1 must be one of {number, set} but got string");
  }

  @Test
  void setOperators() {
    SetValue a = SetValue.of(n("1"), n("2"));
    SetValue b = SetValue.of(n("2"), n("3"));
    assertThat(call("and", a, b)).isEqualTo(SetValue.of(n("2")));
    assertThat(call("or", a, b)).isEqualTo(SetValue.of(n("1"), n("2"), n("3")));
    assertThatThrownBy(() -> call("and", a, n("1")))
        .hasMessage("operand 2 must be set but got number");
  }

  @Test
  void rangesCountUpOrDownAndChargeTheirLength() {
    FixedClockContext ctx = new FixedClockContext();
    assertThat(call(ctx, "numbers.range", n("1"), n("4"))).isEqualTo(Json.parse("[1,2,3,4]"));
    assertThat(ctx.charged()).isGreaterThanOrEqualTo(4);
    assertThat(call("numbers.range", n("2"), n("-1"))).isEqualTo(Json.parse("[2,1,0,-1]"));
    assertThat(call("numbers.range_step", n("0"), n("10"), n("3")))
        .isEqualTo(Json.parse("[0,3,6,9]"));
    assertThat(call("numbers.range_step", n("10"), n("3"), n("2")))
        .isEqualTo(Json.parse("[10,8,6,4]"));
    assertThatThrownBy(() -> call("numbers.range_step", n("0"), n("10"), n("-2")))
        .hasMessage("step must be a positive number above zero");
    assertThatThrownBy(() -> call("numbers.range", n("1.5"), n("3")))
        .hasMessage("operand 1 must be integer number but got floating-point number");
  }

  @Test
  void hugeRangeIsRefusedByTheBudgetBeforeAllocating() {
    FixedClockContext small = new FixedClockContext(0, 1000);
    assertThatThrownBy(() -> call(small, "numbers.range", n("0"), n("100000000000")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("budget");
  }

  @Test
  void bitwiseOperations() {
    assertThat(text("bits.or", n("5"), n("3"))).isEqualTo("7");
    assertThat(text("bits.and", n("5"), n("3"))).isEqualTo("1");
    assertThat(text("bits.xor", n("5"), n("3"))).isEqualTo("6");
    assertThat(text("bits.negate", n("5"))).isEqualTo("-6");
    assertThat(text("bits.lsh", n("9223372036854775807"), n("1")))
        .isEqualTo("18446744073709551614");
    assertThat(text("bits.rsh", n("8"), n("3"))).isEqualTo("1");
    assertThat(text("bits.rsh", n("-8"), n("1"))).isEqualTo("-4");
    assertThatThrownBy(() -> call("bits.lsh", n("7.2"), n("42")))
        .hasMessage("operand 1 must be integer number but got floating-point number");
    assertThatThrownBy(() -> call("bits.lsh", n("1"), n("-1")))
        .hasMessage("operand 2 must be unsigned integer number but got negative integer");
    assertThatThrownBy(() -> call("bits.and", n("1"), StringValue.of("1")))
        .hasMessage("operand 2 must be integer but got string");
  }

  @Test
  void toNumberCastsLikeOpa() {
    assertThat(call("to_number", NullValue.INSTANCE)).isEqualTo(n("0"));
    assertThat(call("to_number", BooleanValue.TRUE)).isEqualTo(n("1"));
    assertThat(call("to_number", n("2.5"))).isEqualTo(n("2.5"));
    assertThat(call("to_number", StringValue.of("-3.25e2"))).isEqualTo(n("-325"));
    assertThat(call("to_number", StringValue.of("+7"))).isEqualTo(n("7"));
    assertThatThrownBy(() -> call("to_number", StringValue.of("broken")))
        .hasMessage("strconv.ParseFloat: parsing \"broken\": invalid syntax");
    BuiltinException inf =
        (BuiltinException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> call("to_number", StringValue.of("-Infinity")));
    assertThat(inf.kind()).isEqualTo(BuiltinException.Kind.TYPE);
    assertThat(inf).hasMessage("operand 1 must be valid number string but got string");
    assertThatThrownBy(() -> call("to_number", StringValue.of("1e400")))
        .hasMessageEndingWith("value out of range");
    assertThatThrownBy(() -> call("to_number", ArrayValue.EMPTY))
        .hasMessage("operand 1 must be one of {null, boolean, number, string} but got array");
  }
}
