package dev.regard.triage;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.regard.triage.classify.Classification;
import dev.regard.triage.classify.Classifier;
import dev.regard.triage.finding.PathNormalizer;
import dev.regard.triage.input.ByteCounter;
import dev.regard.triage.input.FindingsException;
import dev.regard.triage.input.FindingsReader;
import dev.regard.triage.input.InputFormat;
import dev.regard.triage.input.JsonInput;
import dev.regard.triage.input.SarifReader;
import dev.regard.triage.output.JsonReport;
import dev.regard.triage.output.MarkdownReport;
import dev.regard.triage.output.OpenVexReport;
import dev.regard.triage.output.ReportHeader;
import dev.regard.triage.output.ReportSink;
import dev.regard.triage.output.SarifAnnotation;
import dev.regard.triage.output.Tally;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One triage run: reads every input as a stream, classifies each finding and writes the report in
 * the chosen format. Memory is bounded by one finding (plus each SARIF run's rule metadata).
 */
public final class TriageRun {
  /** Report formats. */
  public enum Format {
    /** The input SARIF with excluded results suppressed. */
    SARIF,
    /** One JSON object per finding, then a summary. */
    JSON,
    /** Summary tables and the in-scope findings, in Markdown. */
    MD,
    /** OpenVEX statements for the findings that name a vulnerability. */
    OPENVEX
  }

  /**
   * A findings file and the name it is reported under.
   *
   * @param file the file to read
   * @param name the name used in finding ids and messages, as given on the command line
   */
  public record Input(Path file, String name) {}

  private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private final Classifier classifier;
  private final PathNormalizer paths;
  private final ByteCounter counter;

  /**
   * @param classifier the model's rules
   * @param paths resolves locations against the repository
   * @param counter counts bytes read, for progress; may be null
   */
  public TriageRun(Classifier classifier, PathNormalizer paths, ByteCounter counter) {
    this.classifier = classifier;
    this.paths = paths;
    this.counter = counter;
  }

  /**
   * Classifies every input and writes the report to {@code out}.
   *
   * @return the counts of the run
   * @throws FindingsException for an unreadable input, or SARIF output asked of agent findings
   */
  public Tally write(List<Input> inputs, Format format, ReportHeader header, OutputStream out)
      throws IOException {
    List<InputFormat> formats = new ArrayList<>();
    for (Input input : inputs) {
      InputFormat f = InputFormat.detect(input.file(), input.name());
      if (format == Format.SARIF && f != InputFormat.SARIF) {
        throw new FindingsException(
            input.name(),
            0,
            0,
            "SARIF output needs SARIF input; this file holds agent findings",
            null);
      }
      formats.add(f);
    }
    Tally tally = new Tally();
    if (format == Format.SARIF) {
      writeSarif(inputs, tally, out, null);
      return tally;
    }
    try (ReportSink sink = sink(format, header, inputs, out)) {
      for (int i = 0; i < inputs.size(); i++) {
        read(inputs.get(i), formats.get(i), sink, tally);
      }
      sink.finish(tally);
    }
    return tally;
  }

  /**
   * Writes SARIF without the results the model excludes, for code-scanning platforms that ignore
   * suppressions, and to {@code dropped} a JSON report of each result left out and why (the JSON
   * report's shape, holding only the dropped findings).
   *
   * @return the counts of the run, dropped results included
   * @throws FindingsException for an unreadable or non-SARIF input
   */
  public Tally writeSarifDroppingExcluded(
      List<Input> inputs, ReportHeader header, OutputStream sarif, OutputStream dropped)
      throws IOException {
    for (Input input : inputs) {
      if (InputFormat.detect(input.file(), input.name()) != InputFormat.SARIF) {
        throw new FindingsException(
            input.name(),
            0,
            0,
            "SARIF output needs SARIF input; this file holds agent findings",
            null);
      }
    }
    Tally tally = new Tally();
    Tally droppedTally = new Tally();
    try (JsonReport report =
        new JsonReport(JsonInput.MAPPER.createGenerator(dropped, JsonEncoding.UTF8), header)) {
      writeSarif(
          inputs,
          tally,
          sarif,
          c -> {
            droppedTally.add(c);
            report.accept(c);
          });
      report.finish(droppedTally);
    }
    return tally;
  }

  /** Receives each excluded result that is left out of the SARIF copy. */
  private interface Dropped {
    void accept(Classification c) throws IOException;
  }

  private ReportSink sink(Format format, ReportHeader header, List<Input> inputs, OutputStream out)
      throws IOException {
    if (format == Format.JSON) {
      JsonGenerator g = JsonInput.MAPPER.createGenerator(out, JsonEncoding.UTF8);
      return new JsonReport(g, header);
    }
    if (format == Format.OPENVEX) {
      return new OpenVexReport(out, header, Instant.now());
    }
    return new MarkdownReport(out, header, inputs.stream().map(Input::name).toList());
  }

  private void read(Input input, InputFormat format, ReportSink sink, Tally tally)
      throws IOException {
    new FindingsReader(paths, counter)
        .read(
            input.file(),
            input.name(),
            format,
            finding -> {
              Classification c = classifier.classify(finding);
              tally.add(c);
              sink.accept(c);
            });
  }

  private void writeSarif(List<Input> inputs, Tally tally, OutputStream out, Dropped dropped)
      throws IOException {
    SarifReader reader = new SarifReader(paths, counter);
    SarifReader.ResultHandler annotate =
        (result, finding) -> {
          Classification c = classifier.classify(finding);
          tally.add(c);
          if (dropped != null && c.verdict().excluded()) {
            dropped.accept(c);
            return null;
          }
          return SarifAnnotation.annotate(result, c);
        };
    // Compact: a large log written pretty would double in size for no reader's benefit.
    try (JsonGenerator g = JsonInput.MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      if (inputs.size() == 1) {
        reader.copy(inputs.get(0).file(), inputs.get(0).name(), g, false, annotate);
      } else {
        // Several logs become one: their runs, in order, under a fresh top-level object.
        g.writeStartObject();
        g.writeStringField("$schema", SARIF_SCHEMA);
        g.writeStringField("version", "2.1.0");
        g.writeArrayFieldStart("runs");
        for (Input input : inputs) {
          reader.copy(input.file(), input.name(), g, true, annotate);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    }
  }
}
