package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypesBuiltinsTest {

  private static Value call(String name, Value arg) {
    return StandardBuiltins.registry()
        .find(name)
        .orElseThrow()
        .function()
        .call(new FixedClockContext(), new Value[] {arg});
  }

  @Test
  void eachCheckIsTrueOnlyForItsOwnType() {
    List<Value> samples =
        List.of(
            NumberValue.of(1),
            StringValue.of("s"),
            BooleanValue.FALSE,
            Json.parse("[1]"),
            SetValue.of(NumberValue.of(1)),
            Json.parse("{\"a\":1}"),
            NullValue.INSTANCE);
    List<String> types = List.of("number", "string", "boolean", "array", "set", "object", "null");
    for (int i = 0; i < types.size(); i++) {
      for (int j = 0; j < samples.size(); j++) {
        assertThat(call("is_" + types.get(i), samples.get(j)))
            .as("is_%s(%s)", types.get(i), samples.get(j))
            .isEqualTo(BooleanValue.of(i == j));
      }
      assertThat(call("type_name", samples.get(i))).isEqualTo(StringValue.of(types.get(i)));
    }
  }
}
