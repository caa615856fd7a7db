package dev.regard.benchmarks.rego;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.value.Value;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One authorization decision of {@link KafkaPolicyFixture}'s policy. Sample mode reports the median
 * and tail; the throughput pair compares one and two threads on one compiled policy.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RegoEvalBenchmark {
  private CompiledPolicy policy;
  private Value allowed;
  private Value denied;

  @Setup
  public void setUp() {
    policy = KafkaPolicyFixture.compile(KafkaPolicyFixture.data());
    allowed = KafkaPolicyFixture.allowedProduce();
    denied = KafkaPolicyFixture.deniedDelete();
    if (!policy
            .evaluate(KafkaPolicyFixture.DECISION, allowed)
            .orElseThrow()
            .toString()
            .equals("true")
        || !policy
            .evaluate(KafkaPolicyFixture.DECISION, denied)
            .orElseThrow()
            .toString()
            .equals("false")) {
      throw new IllegalStateException("the fixture's decisions are not the expected allow/deny");
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<Value> allowedDecision() {
    return policy.evaluate(KafkaPolicyFixture.DECISION, allowed);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<Value> deniedDecision() {
    return policy.evaluate(KafkaPolicyFixture.DECISION, denied);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(1)
  public Optional<Value> throughputOneThread() {
    return policy.evaluate(KafkaPolicyFixture.DECISION, allowed);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(2)
  public Optional<Value> throughputTwoThreads() {
    return policy.evaluate(KafkaPolicyFixture.DECISION, allowed);
  }
}
