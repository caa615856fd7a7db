package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

class ComparisonBuiltinsTest {

  private static boolean holds(String name, Value x, Value y) {
    return ((BooleanValue)
            StandardBuiltins.registry()
                .find(name)
                .orElseThrow()
                .function()
                .call(new FixedClockContext(), new Value[] {x, y}))
        .value();
  }

  @Test
  void numbersCompareByValueWhateverTheirSpelling() {
    assertThat(holds("equal", NumberValue.parse("1"), NumberValue.parse("1.0"))).isTrue();
    assertThat(holds("neq", NumberValue.parse("1"), NumberValue.parse("1.0"))).isFalse();
    assertThat(holds("lt", NumberValue.parse("1"), NumberValue.parse("1.5"))).isTrue();
    assertThat(holds("lte", NumberValue.parse("2"), NumberValue.parse("2"))).isTrue();
    assertThat(holds("gt", NumberValue.parse("1e30"), NumberValue.parse("99"))).isTrue();
    assertThat(holds("gte", NumberValue.parse("-1"), NumberValue.parse("0"))).isFalse();
  }

  @Test
  void differentTypesFollowOpasTotalOrder() {
    Value[] ascending = {
      NullValue.INSTANCE,
      BooleanValue.FALSE,
      BooleanValue.TRUE,
      NumberValue.of(100),
      StringValue.of("a"),
      Json.parse("[]"),
      Json.parse("{}"),
      SetValue.EMPTY
    };
    for (int i = 0; i + 1 < ascending.length; i++) {
      assertThat(holds("lt", ascending[i], ascending[i + 1])).as("%s < %s", i, i + 1).isTrue();
      assertThat(holds("gt", ascending[i + 1], ascending[i])).isTrue();
      assertThat(holds("equal", ascending[i], ascending[i + 1])).isFalse();
    }
  }

  @Test
  void compositesCompareStructurally() {
    assertThat(holds("equal", Json.parse("{\"a\":[1,2]}"), Json.parse("{\"a\":[1,2.0]}"))).isTrue();
    assertThat(holds("lt", Json.parse("[1,2]"), Json.parse("[1,3]"))).isTrue();
    assertThat(holds("lt", Json.parse("[1,2]"), Json.parse("[1,2,0]"))).isTrue();
    assertThat(holds("lt", StringValue.of("B"), StringValue.of("a"))).isTrue();
  }
}
