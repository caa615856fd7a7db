package dev.regard.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs OPA's conformance suite (folder from the system property {@code regard.conformance.dir})
 * against the engine, prints the report, writes the fresh baseline files to {@code
 * target/conformance/}, and fails when a case listed in {@code expected-pass.txt} no longer passes.
 */
class OpaConformanceTest {
  private static final String PASS_HEADER =
      "# OPA conformance cases that must keep passing, one id (category/file.yaml#note) a line.\n"
          + "# Regenerate from target/conformance/expected-pass.txt after a build; see"
          + " rego-engine/README.md.\n";
  private static final String FAILURES_HEADER =
      "# OPA conformance cases failing today, one \"id => reason\" a line.\n"
          + "# Regenerate from target/conformance/known-failures.txt after a build; see"
          + " rego-engine/README.md.\n";

  @Test
  void everyBaselineCaseStillPasses() throws IOException {
    String dir = System.getProperty("regard.conformance.dir");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)),
        "OPA conformance cases not found: set -Dregard.conformance.dir to a folder of OPA test-case"
            + " YAML files (was: "
            + dir
            + ")");

    ConformanceReport report = new ConformanceSuite().run(Path.of(dir));
    System.out.println(report.summary());

    Path out = Path.of(System.getProperty("basedir", "."), "target", "conformance");
    Files.createDirectories(out);
    Files.writeString(out.resolve("expected-pass.txt"), PASS_HEADER + report.passList());
    Files.writeString(out.resolve("known-failures.txt"), FAILURES_HEADER + report.failureList());
    Files.writeString(out.resolve("summary.txt"), report.summary());

    Baseline baseline = Baseline.parse(resource("/conformance/expected-pass.txt"));
    List<String> newlyPassing = baseline.newlyPassing(report);
    if (!newlyPassing.isEmpty()) {
      System.out.printf(
          "%d cases pass that expected-pass.txt does not list yet; to raise the baseline copy"
              + " %s/*.txt to src/test/resources/conformance/%n",
          newlyPassing.size(), out);
    }
    assertThat(baseline.regressions(report))
        .as("cases listed in expected-pass.txt that no longer pass")
        .isEmpty();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = OpaConformanceTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
