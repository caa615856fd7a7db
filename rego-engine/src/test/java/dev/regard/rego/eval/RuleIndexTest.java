package dev.regard.rego.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.EvalOptions;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoException;
import dev.regard.rego.TestBuiltins;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.Value;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bodies that start with {@code input.a.b == "c"} are not entered when the input holds another
 * value there (OPA's rule indexing): visible as the steps a query is charged.
 */
class RuleIndexTest {
  private static final int RULES = 300;

  /** {@code RULES} rules of {@code allow}, each for one kind, plus their function twins. */
  private static CompiledPolicy policy() {
    StringBuilder src = new StringBuilder("package t\n");
    for (int i = 0; i < RULES; i++) {
      src.append("allow if {\n  input.request.kind == \"k")
          .append(i)
          .append("\"\n  count(input.items) > 0\n}\n");
      src.append("kinds contains \"k")
          .append(i)
          .append("\" if {\n  \"k")
          .append(i)
          .append("\" == input.request.kind\n}\n");
      src.append("f(x) := x if {\n  input.request.kind == \"k").append(i).append("\"\n}\n");
    }
    src.append("via_function := f(true)\n");
    return Rego.builder()
        .builtins(TestBuiltins.registry())
        .module("index.rego", src.toString())
        .compile();
  }

  private static Optional<Value> eval(CompiledPolicy p, String ref, String input, long steps) {
    return p.evaluate(
        ref,
        Json.parse(input),
        new EvalOptions(null, new EvalLimits(Duration.ofMinutes(1), steps), null));
  }

  @Test
  void bodiesWhoseInputTestFailsAreNotEntered() {
    CompiledPolicy p = policy();
    String input = "{\"request\": {\"kind\": \"k123\"}, \"items\": [1]}";
    // Entering every body would take at least one step each.
    long budget = RULES / 2;
    assertThat(eval(p, "data.t.allow", input, budget)).contains(BooleanValue.TRUE);
    assertThat(eval(p, "data.t.via_function", input, budget)).contains(BooleanValue.TRUE);
    assertThat(Json.write(eval(p, "data.t.kinds", input, budget).orElseThrow()))
        .isEqualTo("[\"k123\"]");
    assertThat(eval(p, "data.t.allow", "{\"request\": {\"kind\": \"other\"}}", budget)).isEmpty();
    assertThat(eval(p, "data.t.allow", "{\"request\": {\"kind\": 1234}}", budget)).isEmpty();
    assertThat(eval(p, "data.t.allow", "{\"request\": [\"kind\"]}", budget)).isEmpty();
  }

  @Test
  void aMatchingBodyStillRunsToTheEnd() {
    CompiledPolicy p = policy();
    assertThat(eval(p, "data.t.allow", "{\"request\": {\"kind\": \"k7\"}, \"items\": []}", RULES))
        .isEmpty();
  }

  @Test
  void withoutTheIndexTheSameQueryRunsOutOfSteps() {
    // The same rules with the input test second: every body is entered.
    StringBuilder src = new StringBuilder("package t\n");
    for (int i = 0; i < RULES; i++) {
      src.append("allow if {\n  count(input.items) > 0\n  input.request.kind == \"k")
          .append(i)
          .append("\"\n}\n");
    }
    CompiledPolicy p =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module("unindexed.rego", src.toString())
            .compile();
    assertThatThrownBy(
            () ->
                eval(
                    p,
                    "data.t.allow",
                    "{\"request\": {\"kind\": \"k123\"}, \"items\": [1]}",
                    RULES / 2))
        .isInstanceOf(RegoException.class);
  }
}
