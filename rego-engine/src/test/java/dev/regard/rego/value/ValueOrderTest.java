package dev.regard.rego.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueOrderTest {

  @Test
  void typesOrderAsOpaOrdersThem() {
    List<Value> shuffled =
        new ArrayList<>(
            List.of(
                SetValue.of(NumberValue.ONE),
                ObjectValue.EMPTY,
                ArrayValue.EMPTY,
                StringValue.of("a"),
                NumberValue.of(-5),
                BooleanValue.FALSE,
                NullValue.INSTANCE));
    Collections.shuffle(shuffled, new java.util.Random(42));
    Collections.sort(shuffled);
    assertThat(shuffled)
        .extracting(Value::typeName)
        .containsExactly("null", "boolean", "number", "string", "array", "object", "set");
  }

  @Test
  void numbersCompareByValueWhateverTheirSpelling() {
    assertThat(NumberValue.parse("1")).isEqualTo(NumberValue.parse("1.0"));
    assertThat(NumberValue.parse("1")).hasSameHashCodeAs(NumberValue.parse("1.0"));
    assertThat(NumberValue.parse("1e2")).isEqualTo(NumberValue.of(100));
    assertThat(NumberValue.parse("100000000000000000000000"))
        .isGreaterThan(NumberValue.of(Long.MAX_VALUE));
    assertThat(NumberValue.parse("0.1")).isLessThan(NumberValue.parse("0.10000000000000001"));
    assertThat(SetValue.of(NumberValue.parse("1"), NumberValue.parse("1.00")).size()).isEqualTo(1);
  }

  @Test
  void numbersPrintAsIntegersWhenIntegral() {
    assertThat(NumberValue.parse("1.0").toString()).isEqualTo("1");
    assertThat(NumberValue.parse("2.50").toString()).isEqualTo("2.50");
    assertThat(NumberValue.of(new BigDecimal("12345678901234567890123")).toString())
        .isEqualTo("12345678901234567890123");
    assertThat(NumberValue.parse("-7").fitsLong()).isTrue();
    assertThat(NumberValue.parse("1.5").isInteger()).isFalse();
  }

  @Test
  void stringsOrderByCodePointLikeUtf8Bytes() {
    // U+FF5E is one UTF-16 unit; U+1F600 is a surrogate pair that String.compareTo would put first.
    StringValue bmp = StringValue.of("\uFF5E");
    StringValue astral = StringValue.of(new String(Character.toChars(0x1F600)));
    assertThat(bmp).isLessThan(astral);
    assertThat(StringValue.of("a")).isLessThan(StringValue.of("ab"));
  }

  @Test
  void arraysCompareElementwiseThenByLength() {
    ArrayValue a12 = ArrayValue.of(NumberValue.of(1), NumberValue.of(2));
    ArrayValue a13 = ArrayValue.of(NumberValue.of(1), NumberValue.of(3));
    ArrayValue a1 = ArrayValue.of(NumberValue.of(1));
    assertThat(a12).isLessThan(a13);
    assertThat(a1).isLessThan(a12);
  }

  @Test
  void objectsCompareBySortedKeysThenValues() {
    ObjectValue ab =
        ObjectValue.builder().put("a", NumberValue.ONE).put("b", NumberValue.ONE).build();
    ObjectValue ac =
        ObjectValue.builder().put("a", NumberValue.ONE).put("c", NumberValue.ONE).build();
    ObjectValue a2 = ObjectValue.builder().put("a", NumberValue.of(2)).build();
    assertThat(ab).isLessThan(ac);
    assertThat(ab).isLessThan(a2);
    assertThat(ab.keys()).containsExactly(StringValue.of("a"), StringValue.of("b"));
  }

  @Test
  void objectsAcceptAnyValueAsKeyAndLookUpLargeAndSmallAlike() {
    ObjectValue.Builder b = ObjectValue.builder();
    for (int i = 0; i < 50; i++) {
      b.put(NumberValue.of(i), StringValue.of("v" + i));
    }
    b.put(ArrayValue.of(NumberValue.ONE), BooleanValue.TRUE);
    ObjectValue o = b.build();
    assertThat(o.get(NumberValue.parse("7.0"))).isEqualTo(StringValue.of("v7"));
    assertThat(o.get(ArrayValue.of(NumberValue.ONE))).isEqualTo(BooleanValue.TRUE);
    assertThat(o.get(StringValue.of("7"))).isNull();
    ObjectValue small = ObjectValue.of(StringValue.of("k"), NullValue.INSTANCE);
    assertThat(small.containsKey(StringValue.of("k"))).isTrue();
  }

  @Test
  void setsAreSortedDistinctAndSupportAlgebra() {
    SetValue s = SetValue.of(NumberValue.of(3), NumberValue.of(1), NumberValue.of(3));
    SetValue t = SetValue.of(NumberValue.of(3), NumberValue.of(4));
    assertThat(s.elements()).containsExactly(NumberValue.of(1), NumberValue.of(3));
    assertThat(s.union(t).elements())
        .containsExactly(NumberValue.of(1), NumberValue.of(3), NumberValue.of(4));
    assertThat(s.intersection(t).elements()).containsExactly(NumberValue.of(3));
    assertThat(s.difference(t).elements()).containsExactly(NumberValue.of(1));
    assertThat((Value) SetValue.of(NumberValue.ONE)).isGreaterThan(ObjectValue.EMPTY);
  }
}
