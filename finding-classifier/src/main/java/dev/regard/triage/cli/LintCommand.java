package dev.regard.triage.cli;

import dev.regard.threatmodel.Lint;
import dev.regard.threatmodel.LintFinding;
import dev.regard.threatmodel.LoadedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scan-triage lint}: gaps in the model that weaken triage. Exit 1 on any error. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = "Checks the threat model for gaps that weaken triage; exit 1 on errors.")
final class LintCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(
      names = "--companion",
      paramLabel = "FILE",
      description = "Also report drift between this JSON companion and a fresh export.")
  Path companion;

  @Override
  public Integer call() throws IOException {
    LoadedModel loaded = model.load();
    List<LintFinding> findings = Lint.check(loaded);
    PrintWriter out = spec.commandLine().getOut();
    boolean errors = false;
    for (LintFinding f : findings) {
      errors |= LintFinding.ERROR.equals(f.severity());
      String where = "";
      if (f.source() != null) {
        String section = f.source().section();
        where =
            f.source().file()
                + (f.source().line() > 0 ? ":" + f.source().line() : "")
                + (section == null || section.isBlank() ? "" : " [" + section + "]")
                + ": ";
      }
      out.println(f.severity() + ": " + where + f.message());
    }
    List<String> drift = companion == null ? List.of() : CompanionCheck.drift(companion, loaded);
    drift.forEach(d -> out.println(LintFinding.ERROR + ": " + d));
    errors |= !drift.isEmpty();
    int problems = findings.size() + drift.size();
    out.println(problems == 0 ? "No problems found." : problems + " problem(s).");
    return errors ? ScanTriage.FINDINGS : ScanTriage.OK;
  }
}
