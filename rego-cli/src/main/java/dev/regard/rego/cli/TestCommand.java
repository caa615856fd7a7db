package dev.regard.rego.cli;

import dev.regard.rego.EvalOptions;
import dev.regard.rego.Rego;
import dev.regard.rego.testing.TestReport;
import dev.regard.rego.testing.TestRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rego test}: runs every {@code test_} rule, like {@code opa test}. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every rule named test_* in the given Rego files and directories.",
      "A test passes when its value is true. Exits 1 when a test fails or errors."
    })
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      description = "List every test, not only failures.")
  boolean verbose;

  @Option(
      names = {"-r", "--run"},
      paramLabel = "REGEX",
      description = "Only run tests whose name (e.g. data.pkg.test_x) matches.")
  Pattern run;

  @Mixin VerificationOptions verification;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Files or directories (default: .)")
  List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<Path> roots = paths.isEmpty() ? List.of(Path.of(".")) : paths;
    Rego.Builder builder = Rego.builder();
    PolicySources sources = new PolicySources(verification.reader());
    for (Path p : roots) {
      sources.addPath(builder, p);
    }
    TestReport report = new TestRunner(EvalOptions.DEFAULT, run).run(builder.compile());
    spec.commandLine().getOut().print(report.format(verbose));
    return report.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
