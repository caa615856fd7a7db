package dev.regard.rego.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void roundTripsDocumentsWithExactNumbers() {
    String text = "{\"a\":[1,2.5,\"x\",null,true],\"big\":123456789012345678901234567890,\"b\":{}}";
    Value v = Json.parse(text);
    assertThat(v.toJson())
        .isEqualTo(
            "{\"a\":[1,2.5,\"x\",null,true],\"b\":{},\"big\":123456789012345678901234567890}");
    assertThat(Json.parse(v.toJson())).isEqualTo(v);
  }

  @Test
  void writesSetsAsSortedArraysAndNonStringKeysAsJsonText() {
    Value v =
        ObjectValue.builder()
            .put(NumberValue.of(1), SetValue.of(StringValue.of("b"), StringValue.of("a")))
            .build();
    assertThat(v.toJson()).isEqualTo("{\"1\":[\"a\",\"b\"]}");
  }

  @Test
  void reportsSourceLineAndColumnOfMalformedInput() {
    assertThatThrownBy(() -> Json.parse("{\n  \"a\": [1, 2,,]\n}", "data.json"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageStartingWith("data.json:2:")
        .satisfies(e -> assertThat(((JsonFormatException) e).line()).isEqualTo(2));
    assertThatThrownBy(() -> Json.parse("", "empty.json")).hasMessageContaining("empty document");
    assertThatThrownBy(() -> Json.parse("{} {}", "two.json"))
        .hasMessageContaining("unexpected content after the document");
  }

  @Test
  void refusesNumbersBeyondRepresentableRange() {
    assertThatThrownBy(() -> Json.parse("{\"n\": 1e999999999999}", "big.json"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("big.json:1:")
        .hasMessageContaining("number out of range");
  }

  @Test
  void refusesNestingDeeperThanTheCap() {
    String deep = "[".repeat(Json.MAX_DEPTH + 10) + "]".repeat(Json.MAX_DEPTH + 10);
    assertThatThrownBy(
            () ->
                Json.read(
                    new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8)), "deep.json"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("deep.json");
  }

  @Test
  void convertsPlainJavaObjectsBothWays() {
    Map<String, Object> in = Map.of("n", 3, "l", List.of("a", true), "z", Map.of());
    Value v = Json.fromJava(in);
    assertThat(((ObjectValue) v).get("n")).isEqualTo(NumberValue.of(3));
    assertThat(Json.toJava(v)).isEqualTo(Map.of("n", 3L, "l", List.of("a", true), "z", Map.of()));
  }
}
