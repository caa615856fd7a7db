package dev.regard.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.regard.rego.conformance.CaseResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceSuiteTest {
  @TempDir Path root;

  @Test
  void anUnreadableFileIsOneFailureAndTheRestStillRuns() throws IOException {
    Files.createDirectories(root.resolve("good"));
    Files.createDirectories(root.resolve("bad"));
    Files.writeString(
        root.resolve("good/t.yaml"),
        "cases:\n"
            + "  - note: good/one\n"
            + "    modules: [\"package t\\n\\np := 1\\n\"]\n"
            + "    query: data.t.p = x\n"
            + "    want_result: [{x: 1}]\n");
    Files.writeString(root.resolve("bad/t.yaml"), "cases: [\n");

    ConformanceReport report = new ConformanceSuite().run(root);

    assertThat(report.results())
        .extracting(CaseResult::id, CaseResult::outcome)
        .containsExactlyInAnyOrder(
            tuple("bad/t.yaml#(unreadable)", Outcome.FAIL),
            tuple("good/t.yaml#good/one", Outcome.PASS));
    assertThat(report.withOutcome(Outcome.FAIL).get(0).detail()).startsWith("bad/t.yaml:");
  }
}
