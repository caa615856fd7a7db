package dev.regard.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time the whole machine has been busy, from the first line of {@code /proc/stat}: with the
 * broker's and the load's own CPU taken off, what other processes took from a run.
 */
final class MachineCpu {
  private MachineCpu() {}

  /** Busy CPU seconds of all cores so far (all but idle and I/O wait); -1 when unreadable. */
  static double busySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...; ticks taken as 100 per second.
      long busy = 0;
      for (int i = 1; i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** This process's CPU seconds so far, or -1. */
  static double ownSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(-1.0);
  }
}
