package dev.regard.rego.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.EvalOptions;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoException;
import dev.regard.rego.TestBuiltins;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Any input either compiles or is rejected with a {@link RegoException} that says where; a policy
 * that compiles evaluates or fails with a {@link RegoException}; no other exception escapes. Runs
 * over the seed corpus in the normal build and fuzzes with {@code JAZZER_FUZZ=1}.
 */
class ParserFuzzTest {
  private static final EvalOptions SMALL =
      new EvalOptions(0L, new EvalLimits(Duration.ofSeconds(5), 10_000), null);

  @FuzzTest(maxDuration = "60s")
  void fuzz(byte[] data) {
    String source = new String(data, StandardCharsets.UTF_8);
    CompiledPolicy policy;
    try {
      policy =
          Rego.builder().builtins(TestBuiltins.registry()).module("fuzz.rego", source).compile();
    } catch (RegoException e) {
      assertThat(e.errors()).isNotEmpty();
      e.errors().forEach(err -> assertThat(err.location()).isNotNull());
      return;
    }
    try {
      policy.evaluate("data", null, SMALL);
    } catch (RegoException e) {
      assertThat(e.errors()).isNotEmpty();
    }
  }
}
