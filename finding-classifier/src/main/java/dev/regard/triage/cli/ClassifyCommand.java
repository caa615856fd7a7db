package dev.regard.triage.cli;

import dev.regard.threatmodel.LoadedModel;
import dev.regard.triage.TriageRun;
import dev.regard.triage.classify.Classifier;
import dev.regard.triage.finding.Level;
import dev.regard.triage.finding.PathNormalizer;
import dev.regard.triage.input.ByteCounter;
import dev.regard.triage.output.AtomicOutput;
import dev.regard.triage.output.ReportHeader;
import dev.regard.triage.output.Tally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code scan-triage classify}: one verdict per finding, as SARIF, JSON or Markdown. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "Classifies findings as in-scope, out-of-model or known-non-finding.")
final class ClassifyCommand implements Callable<Integer> {
  @ParentCommand ScanTriage parent;

  @Mixin ModelOptions model;

  @Parameters(arity = "1..*", paramLabel = "FINDINGS", description = "SARIF 2.1.0 or agent JSON.")
  List<Path> findings;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "md",
      description = "sarif, json, md or openvex (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "Report file (default: standard output).")
  Path output;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "none",
      description =
          "Exit 1 when an in-scope finding is at this SARIF level or above: error, warning, note"
              + " or none (default: ${DEFAULT-VALUE}, i.e. any in-scope finding).")
  String failOn;

  @Option(
      names = "--suppressed",
      paramLabel = "MODE",
      defaultValue = "keep",
      description =
          "With --format sarif: keep (default) marks excluded results with suppressions; drop"
              + " leaves them out and writes what was dropped and why to --dropped-report.")
  String suppressed;

  @Option(
      names = "--dropped-report",
      paramLabel = "FILE",
      description =
          "With --suppressed drop: the JSON report of dropped results (default: OUT.dropped.json).")
  Path droppedReport;

  @Override
  public Integer call() throws IOException {
    TriageRun.Format reportFormat = parseFormat(format);
    Path dropped = droppedReport(reportFormat);
    Level threshold = Level.fromId(failOn);
    List<TriageRun.Input> inputs = Inputs.of(findings);
    Path folder = output == null ? null : output.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          "-o " + output + ": the folder " + folder + " does not exist");
    }
    LoadedModel loaded = model.load();
    Classifier classifier = model.classifier(loaded);
    ByteCounter counter = new ByteCounter();
    TriageRun run = new TriageRun(classifier, new PathNormalizer(model.repositoryRoot()), counter);
    ReportHeader header =
        new ReportHeader(
            loaded.rules().project(),
            loaded.model().file(),
            loaded.discovery(),
            loaded.rules().rules().size());
    Tally tally;
    try (AtomicOutput out =
            output == null ? AtomicOutput.toStream(parent.stdout()) : AtomicOutput.toFile(output);
        AtomicOutput droppedOut = dropped == null ? null : AtomicOutput.toFile(dropped)) {
      Progress progress = Progress.start(counter, Inputs.bytesToRead(inputs));
      try {
        tally =
            droppedOut == null
                ? run.write(inputs, reportFormat, header, out.stream())
                : run.writeSarifDroppingExcluded(inputs, header, out.stream(), droppedOut.stream());
      } finally {
        progress.close();
      }
      out.commit();
      if (droppedOut != null) {
        droppedOut.commit();
      }
    }
    return tally.inScopeAtLeast(threshold) > 0 ? ScanTriage.FINDINGS : ScanTriage.OK;
  }

  /** Where the dropped results go with --suppressed drop; {@code null} when they are kept. */
  private Path droppedReport(TriageRun.Format reportFormat) {
    switch (suppressed) {
      case "keep" -> {
        if (droppedReport != null) {
          throw new IllegalArgumentException("--dropped-report needs --suppressed drop");
        }
        return null;
      }
      case "drop" -> {
        if (reportFormat != TriageRun.Format.SARIF) {
          throw new IllegalArgumentException("--suppressed drop needs --format sarif");
        }
        if (droppedReport == null && output == null) {
          throw new IllegalArgumentException(
              "--suppressed drop needs -o OUT or --dropped-report FILE for the dropped results");
        }
        return droppedReport != null
            ? droppedReport
            : output.resolveSibling(output.getFileName() + ".dropped.json");
      }
      default ->
          throw new IllegalArgumentException(
              "unknown --suppressed mode '" + suppressed + "' (expected keep or drop)");
    }
  }

  static TriageRun.Format parseFormat(String text) {
    try {
      return TriageRun.Format.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + text + "' (expected sarif, json, md or openvex)", e);
    }
  }
}
