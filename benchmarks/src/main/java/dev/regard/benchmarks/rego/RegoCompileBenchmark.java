package dev.regard.benchmarks.rego;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.value.Value;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Compiling the benchmark policy with its data, as a bundle swap does off the request path. */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RegoCompileBenchmark {
  private Value data;

  @Setup
  public void setUp() {
    data = KafkaPolicyFixture.data();
  }

  @Benchmark
  public CompiledPolicy compile() {
    return KafkaPolicyFixture.compile(data);
  }
}
