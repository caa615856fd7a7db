package dev.regard.triage.cli;

import dev.regard.threatmodel.TriageRule;
import dev.regard.triage.TriageRun;
import dev.regard.triage.classify.Classification;
import dev.regard.triage.classify.Classifier;
import dev.regard.triage.classify.CriterionCheck;
import dev.regard.triage.classify.Explanation;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.finding.PathNormalizer;
import dev.regard.triage.input.FindingIds;
import dev.regard.triage.input.FindingsException;
import dev.regard.triage.input.FindingsReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scan-triage explain}: which rules were tried on one finding, and why the verdict. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Explains the verdict on one finding: every rule tried, criterion by criterion.")
final class ExplainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Parameters(
      index = "0",
      paramLabel = "FINDING-ID",
      description =
          "<file>#<n> (n-th finding of the file, from 1) or the fingerprint a report shows.")
  String findingId;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "FINDINGS",
      description = "Findings files (optional when FINDING-ID names its file).")
  List<Path> findings = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<Path> files = new ArrayList<>(findings);
    int hash = findingId.lastIndexOf('#');
    if (files.isEmpty() && hash > 0 && Files.isRegularFile(Path.of(findingId.substring(0, hash)))) {
      files.add(Path.of(findingId.substring(0, hash)));
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "name the findings file: explain " + findingId + " FINDINGS...");
    }
    List<TriageRun.Input> inputs = Inputs.of(files);
    Classifier classifier = model.classifier(model.load());
    FindingsReader reader = new FindingsReader(new PathNormalizer(model.repositoryRoot()), null);
    Finding[] found = new Finding[1];
    for (TriageRun.Input input : inputs) {
      reader.read(
          input.file(),
          input.name(),
          f -> {
            if (found[0] == null && FindingIds.refersTo(findingId, f)) {
              found[0] = f;
            }
          });
    }
    if (found[0] == null) {
      throw new FindingsException(
          String.join(", ", files.stream().map(Path::toString).toList()),
          0,
          0,
          "no finding " + findingId,
          null);
    }
    print(classifier.explain(found[0]), spec.commandLine().getOut());
    return ScanTriage.OK;
  }

  private static void print(Explanation e, PrintWriter out) {
    Classification c = e.result();
    Finding f = c.finding();
    out.println("Finding " + f.id() + " (fingerprint " + f.fingerprint() + ")");
    out.println("  tool:     " + f.tool() + (f.ruleId() == null ? "" : ", rule " + f.ruleId()));
    out.println("  level:    " + f.level());
    out.println(
        "  location: "
            + f.displayLocation()
            + (f.sourceRootRelative()
                ? " (relative to a Java source root; not located in the checkout: run with --repo"
                    + " at a checkout that holds the sources to map it to a module)"
                : ""));
    if (f.logicalLocation() != null) {
      out.println("  class:    " + f.logicalLocation());
    }
    out.println("  cwes:     " + f.cwes());
    out.println("  tags:     " + f.tags());
    out.println("  message:  " + f.message());
    out.println();
    out.println(
        "Rules tried, in precedence order (explicit before derived, then the model's"
            + " disposition order, more criteria first, then document order):");
    int n = 0;
    for (Explanation.Trial t : e.trials()) {
      TriageRule r = t.rule();
      out.println(
          "  "
              + (++n)
              + ". "
              + r.id()
              + " ["
              + r.origin().name().toLowerCase(java.util.Locale.ROOT)
              + ", "
              + r.verdict().id()
              + "] "
              + (t.matched() ? "MATCHED" : "no match"));
      for (CriterionCheck check : t.checks()) {
        out.println(
            "       "
                + (check.matched() ? "+ " : "- ")
                + check.criterion()
                + ": "
                + check.detail());
      }
    }
    if (e.trials().isEmpty()) {
      out.println("  (the model has no rules)");
    }
    out.println();
    out.println("Verdict: " + c.verdict().id() + " (" + c.disposition() + ")");
    out.println("  " + c.rationale());
    if (c.section() != null) {
      out.println(
          "  section: "
              + c.section().file()
              + " § "
              + c.section().section()
              + " (line "
              + c.section().line()
              + ")");
    }
  }
}
