package dev.regard.rego;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.value.Json;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One compiled policy evaluated from many threads gives every thread the same answers. */
class ThreadSafetyTest {

  @Test
  void concurrentEvaluationsAgree() throws Exception {
    CompiledPolicy p =
        TestBuiltins.compile(
            """
            package t
            default allow := false
            allow if { some g in input.groups; data_groups[g] }
            data_groups := {g: true | some g in ["g1", "g3", "g5"]}
            score := count([x | some x in input.groups; data_groups[x]])
            """);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    int g = (seed + i) % 6;
                    Value input = Json.parse("{\"groups\":[\"g" + g + "\",\"g9\"]}");
                    boolean expected = g % 2 == 1;
                    Value allow = p.evaluate("data.t.allow", input).orElseThrow();
                    Value score = p.evaluate("data.t.score", input).orElseThrow();
                    if (!allow.equals(Json.parse(String.valueOf(expected)))
                        || !score.equals(Json.parse(expected ? "1" : "0"))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
