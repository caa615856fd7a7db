package dev.regard.benchmarks.triage;

import dev.regard.triage.TriageRun;
import dev.regard.triage.classify.Classifier;
import dev.regard.triage.finding.PathNormalizer;
import dev.regard.triage.output.ReportHeader;
import dev.regard.triage.output.Tally;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole triage run: a SARIF file of {@code results} results (about 2 KB each, written to a
 * temporary file in setup) classified against 100 rules, with the annotated SARIF or the JSON
 * report written to a temporary file. The target is under 10 s for 100,000 results on two cores
 * with a 512 MB heap; the heap limit also shows that memory does not grow with the input.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m", "-Xms512m"})
public class TriageBenchmark {
  @Param({"100000"})
  int results;

  @Param({"SARIF", "JSON"})
  TriageRun.Format format;

  private Path input;
  private Path output;
  private TriageRun run;
  private ReportHeader header;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    input = Files.createTempFile("triage-bench-", ".sarif");
    output = Files.createTempFile("triage-bench-", ".out");
    SarifCorpus.write(input, results);
    Classifier classifier = new Classifier(TriageModel.rules(100), TriageModel.components());
    run = new TriageRun(classifier, new PathNormalizer(null), null);
    header = new ReportHeader("Kafka", "THREAT_MODEL.md", List.of(), 100);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(input);
    Files.deleteIfExists(output);
  }

  @Benchmark
  public long triage() throws IOException {
    try (OutputStream out = Files.newOutputStream(output)) {
      Tally tally =
          run.write(List.of(new TriageRun.Input(input, "bench.sarif")), format, header, out);
      if (tally.total() != results) {
        throw new IllegalStateException("classified " + tally.total() + " of " + results);
      }
      return tally.total();
    }
  }
}
