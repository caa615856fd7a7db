package dev.regard.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runaway policies end with eval_cancel_error instead of hanging or exhausting memory. */
class LimitsTest {

  private static String code(Throwable e) {
    return ((RegoException) e).code();
  }

  @Test
  void stepBudgetStopsLongIterations() {
    CompiledPolicy p =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module(
                "loop.rego",
                "package t\n"
                    + "n := count([1 | some i in numbers.range(1, 3000); some j in numbers.range(1, 3000)])\n")
            .limits(new EvalLimits(Duration.ofMinutes(5), 100_000))
            .compile();
    assertThatThrownBy(() -> p.evaluate("data.t.n", null))
        .isInstanceOf(RegoException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("eval_cancel_error"));
  }

  @Test
  void builtinsChargeBeforeAllocating() {
    CompiledPolicy p = TestBuiltins.compile("package t\nxs := numbers.range(1, 1000000000000)\n");
    assertThatThrownBy(() -> p.evaluate("data.t.xs", null))
        .satisfies(e -> assertThat(code(e)).isEqualTo("eval_cancel_error"));
  }

  @Test
  void deadlineStopsEvaluation() {
    CompiledPolicy p =
        TestBuiltins.compile(
            "package t\n"
                + "n := count([1 | some i in numbers.range(1, 20000); some j in numbers.range(1, 20000)])\n");
    EvalOptions opts =
        new EvalOptions(null, new EvalLimits(Duration.ofMillis(20), Long.MAX_VALUE), null);
    assertThatThrownBy(() -> p.evaluate("data.t.n", null, opts))
        .satisfies(e -> assertThat(code(e)).isEqualTo("eval_cancel_error"));
  }

  @Test
  void deepNestingIsCancelledNotAStackOverflow() {
    StringBuilder body = new StringBuilder("package t\np if {\n");
    for (int i = 0; i < 5000; i++) {
      body.append("  x").append(i).append(" := ").append(i).append('\n');
    }
    body.append("}\n");
    CompiledPolicy p = TestBuiltins.compile(body.toString());
    assertThatThrownBy(() -> p.evaluate("data.t.p", null))
        .satisfies(e -> assertThat(code(e)).isEqualTo("eval_cancel_error"));
  }

  @Test
  void deeplyNestedSourceIsAParseErrorNotAStackOverflow() {
    String deep = "package t\np := " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    assertThatThrownBy(() -> TestBuiltins.compile(deep))
        .satisfies(e -> assertThat(code(e)).isEqualTo("rego_parse_error"));
  }
}
