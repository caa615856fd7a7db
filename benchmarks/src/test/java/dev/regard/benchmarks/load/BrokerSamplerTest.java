package dev.regard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The load test's warm-up waits for the broker's JIT compilers by their thread names; check those
 * names against a real HotSpot process (this one), so a rename cannot end every warm-up at once.
 */
class BrokerSamplerTest {
  @Test
  void splitsThisJvmsCpuIntoItsJitCompilersAndTheRest() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    BrokerSampler.Cpu cpu = new BrokerSampler(ProcessHandle.current().pid()).cpu();

    // Starting JUnit and loading the test classes has compiled code, at least at tier 1.
    assertThat(cpu.jit()).isPositive();
    assertThat(cpu.gc()).isNotNegative();
    assertThat(cpu.total()).isGreaterThanOrEqualTo(cpu.jit());
  }

  @Test
  void aProcessThatIsGoneHasNoCpu() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    assertThat(new BrokerSampler(Long.MAX_VALUE).cpu().total()).isEqualTo(-1);
  }
}
