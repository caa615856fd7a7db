package dev.regard.rego.cli;

import dev.regard.rego.conformance.Baseline;
import dev.regard.rego.conformance.CaseResult;
import dev.regard.rego.conformance.ConformanceReport;
import dev.regard.rego.conformance.ConformanceSuite;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rego conformance}: runs a directory of OPA test-case files against the engine. */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Runs OPA's YAML test cases (any directory of them) and prints totals per category.",
      "With --baseline, exits 1 when a case listed there no longer passes."
    })
final class ConformanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Folder of OPA test-case YAML files")
  Path dir;

  @Option(names = "--failures", description = "List each failing case with its reason.")
  boolean failures;

  @Option(
      names = "--write-pass",
      paramLabel = "FILE",
      description = "Write the ids of the passing cases to FILE (an expected-pass list).")
  Path writePass;

  @Option(
      names = "--write-failures",
      paramLabel = "FILE",
      description = "Write each failing case with its reason to FILE (a known-failures list).")
  Path writeFailures;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Expected-pass list; exit 1 when a listed case does not pass.")
  Path baseline;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ConformanceReport report = new ConformanceSuite().run(dir);
    if (failures) {
      for (CaseResult r : report.withOutcome(CaseResult.Outcome.FAIL)) {
        out.println("FAIL " + r.id() + "\n     " + r.oneLineDetail());
      }
    }
    out.print(report.summary());
    if (writePass != null) {
      Files.writeString(writePass, report.passList());
    }
    if (writeFailures != null) {
      Files.writeString(writeFailures, report.failureList());
    }
    if (baseline == null) {
      return ExitCodes.OK;
    }
    List<String> regressions = Baseline.parse(Files.readString(baseline)).regressions(report);
    regressions.forEach(r -> out.println("REGRESSION " + r));
    return regressions.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
