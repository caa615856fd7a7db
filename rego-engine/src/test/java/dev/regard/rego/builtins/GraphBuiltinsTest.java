package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static dev.regard.rego.builtins.BuiltinCalls.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

class GraphBuiltinsTest {
  private static SetValue strings(String... s) {
    Value[] v = new Value[s.length];
    for (int i = 0; i < s.length; i++) {
      v[i] = StringValue.of(s[i]);
    }
    return SetValue.of(v);
  }

  private static final Value GRAPH =
      Json.parse(
          "{\"a\":[\"b\"],\"b\":[\"c\",\"d\"],\"c\":[\"a\"],\"d\":[],\"e\":[\"f\"],"
              + "\"f\":[\"x\"]}");

  @Test
  void reachableFollowsEdgesAndCycles() {
    assertThat(call("graph.reachable", GRAPH, j("[\"a\"]"))).isEqualTo(strings("a", "b", "c", "d"));
    assertThat(call("graph.reachable", GRAPH, SetValue.of(StringValue.of("d"))))
        .isEqualTo(strings("d"));
  }

  @Test
  void verticesOutsideTheGraphAreIgnored() {
    // "x" is a neighbour of "f" but has no entry, so it is not reported as reached.
    assertThat(call("graph.reachable", GRAPH, j("[\"e\"]"))).isEqualTo(strings("e", "f"));
    assertThat(call("graph.reachable", GRAPH, j("[\"nope\"]"))).isEqualTo(SetValue.EMPTY);
  }

  @Test
  void neighboursMayBeSets() {
    Value g = j("{\"1\":[]}");
    Value graph =
        ((dev.regard.rego.value.ObjectValue) g)
            .with(StringValue.of("0"), SetValue.of(StringValue.of("1")));
    assertThat(call("graph.reachable", graph, j("[\"0\"]"))).isEqualTo(strings("0", "1"));
  }

  @Test
  void reachablePaths() {
    Value paths = call("graph.reachable_paths", GRAPH, j("[\"a\"]"));
    assertThat(paths).isEqualTo(SetValue.of(j("[\"a\",\"b\",\"c\"]"), j("[\"a\",\"b\",\"d\"]")));
    assertThat(call("graph.reachable_paths", GRAPH, j("[\"d\"]")))
        .isEqualTo(SetValue.of(ArrayValue.of(StringValue.of("d"))));
    // A path stops before a vertex that is not in the graph.
    assertThat(call("graph.reachable_paths", GRAPH, j("[\"e\"]")))
        .isEqualTo(SetValue.of(j("[\"e\",\"f\"]")));
  }

  @Test
  void initialVerticesMustBeACollection() {
    assertThatThrownBy(() -> call("graph.reachable", GRAPH, j("\"a\"")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("operand 2 must be {array, set} but got string");
    assertThatThrownBy(() -> call("graph.reachable_paths", j("[]"), j("[]")))
        .hasMessage("operand 1 must be object but got array");
  }
}
