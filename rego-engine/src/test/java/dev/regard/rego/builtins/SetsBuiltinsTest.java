package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

class SetsBuiltinsTest {

  private static Value call(String name, Value arg) {
    return StandardBuiltins.registry()
        .find(name)
        .orElseThrow()
        .function()
        .call(new FixedClockContext(), new Value[] {arg});
  }

  private static SetValue set(Object... items) {
    Value[] values = new Value[items.length];
    for (int i = 0; i < items.length; i++) {
      values[i] =
          items[i] instanceof Value v
              ? v
              : items[i] instanceof Integer n
                  ? NumberValue.of(n)
                  : StringValue.of((String) items[i]);
    }
    return SetValue.of(values);
  }

  @Test
  void intersectionOfSets() {
    assertThat(call("intersection", set(set(1, 2, 3), set(2, 3, 4), set(3, 2))))
        .isEqualTo(set(2, 3));
    assertThat(call("intersection", set(set(1), set("a")))).isEqualTo(set());
    assertThat(call("intersection", set(set(1, 2)))).isEqualTo(set(1, 2));
  }

  @Test
  void intersectionOfNothingIsEmpty() {
    assertThat(call("intersection", set())).isEqualTo(SetValue.EMPTY);
  }

  @Test
  void unionOfSets() {
    assertThat(call("union", set(set(1, 2), set(2, "x"), set()))).isEqualTo(set(1, 2, "x"));
    assertThat(call("union", set())).isEqualTo(SetValue.EMPTY);
  }

  @Test
  void elementsMustBeSets() {
    assertThatThrownBy(() -> call("union", set(set(1), 2)))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("operand 1 must be set of sets but got set containing number");
    assertThatThrownBy(() -> call("intersection", set("a")))
        .hasMessage("operand 1 must be set of sets but got set containing string");
    assertThatThrownBy(() -> call("union", NumberValue.of(1)))
        .hasMessage("operand 1 must be set but got number");
  }
}
