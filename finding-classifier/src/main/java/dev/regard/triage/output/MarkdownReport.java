package dev.regard.triage.output;

import dev.regard.triage.classify.Classification;
import dev.regard.triage.classify.TriageVerdict;
import dev.regard.triage.finding.Finding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The report for people: summary tables by verdict, by disposition and by rule, then a table of the
 * in-scope findings. The in-scope rows are spooled to a temporary file while the run goes on,
 * because the summary that precedes them is known only at the end; memory stays flat.
 */
public final class MarkdownReport implements ReportSink {
  private final OutputStream out;
  private final ReportHeader header;
  private final List<String> inputs;
  private final Path spool;
  private final Writer rows;

  public MarkdownReport(OutputStream out, ReportHeader header, List<String> inputs)
      throws IOException {
    this.out = out;
    this.header = header;
    this.inputs = List.copyOf(inputs);
    this.spool = Files.createTempFile("scan-triage-rows-", ".md");
    this.rows = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
  }

  @Override
  public void accept(Classification c) throws IOException {
    if (c.verdict() != TriageVerdict.IN_SCOPE) {
      return;
    }
    Finding f = c.finding();
    rows.write(
        row(
            f.id(),
            f.level(),
            f.ruleId() == null ? "" : code(f.ruleId()),
            f.displayLocation(),
            c.disposition(),
            f.message()));
  }

  @Override
  public void finish(Tally tally) throws IOException {
    rows.close();
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    w.write("# scan-triage report: " + cell(header.project()) + "\n\n");
    w.write("Threat model: `" + header.modelFile() + "`, " + header.rules() + " rules");
    if (!header.discovery().isEmpty()) {
      w.write(" (found by " + cell(String.join("; ", header.discovery())) + ")");
    }
    w.write(".\n\nFindings: " + cell(String.join(", ", inputs)) + ".\n\n");
    w.write("## By verdict\n\n| Verdict | Findings |\n| --- | ---: |\n");
    for (TriageVerdict v : TriageVerdict.values()) {
      w.write("| " + v.id() + " | " + tally.count(v) + " |\n");
    }
    w.write("| **total** | **" + tally.total() + "** |\n\n");
    w.write("## By disposition\n\n| Disposition | Findings |\n| --- | ---: |\n");
    for (Map.Entry<String, Long> e : tally.byDisposition().entrySet()) {
      w.write("| " + e.getKey() + " | " + e.getValue() + " |\n");
    }
    w.write("\n## By rule\n\n");
    if (tally.byRule().isEmpty()) {
      w.write("No rule of the model matched any finding.\n\n");
    } else {
      w.write("| Rule | Verdict | Disposition | Origin | Section | Findings |\n");
      w.write("| --- | --- | --- | --- | --- | ---: |\n");
      for (Tally.RuleCount rc : tally.byRule().values()) {
        w.write(
            row(
                code(rc.rule().id()),
                rc.rule().verdict().id(),
                rc.rule().disposition().label(),
                rc.rule().origin().name().toLowerCase(java.util.Locale.ROOT),
                ClassificationJson.cite(rc.rule().source()),
                Long.toString(rc.count())));
      }
      w.write("\n");
    }
    long inScope = tally.count(TriageVerdict.IN_SCOPE);
    w.write("## In-scope findings (" + inScope + ")\n\n");
    if (inScope == 0) {
      w.write("None: the model excludes every finding.\n");
      w.flush();
      return;
    }
    w.write("| Finding | Level | Scanner rule | Location | Disposition | Message |\n");
    w.write("| --- | --- | --- | --- | --- | --- |\n");
    w.flush();
    Files.copy(spool, out);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    rows.close();
    Files.deleteIfExists(spool);
  }

  private static String row(String... cells) {
    StringBuilder s = new StringBuilder("|");
    for (String c : cells) {
      s.append(' ').append(cell(c)).append(" |");
    }
    return s.append('\n').toString();
  }

  /** Keeps a table cell on one line and its pipes literal; long messages are shortened. */
  private static String cell(String text) {
    String oneLine = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
  }

  private static String code(String text) {
    return "`" + text.replace("`", "'") + "`";
  }
}
