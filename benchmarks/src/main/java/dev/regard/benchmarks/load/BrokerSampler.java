package dev.regard.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Samples the broker process from outside: open file handles from {@code /proc/<pid>/fd} and heap
 * in use after a full collection, from {@code jcmd} (so the figure is live data, not garbage), and
 * CPU time, in all and that of its JIT compiler and garbage collector threads.
 */
final class BrokerSampler {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final long pid;

  BrokerSampler(long pid) {
    this.pid = pid;
  }

  /** One sample; -1 for a figure that could not be read. */
  record Sample(long atSeconds, long openFiles, long liveHeapKiB) {}

  /**
   * CPU seconds: the whole process's, and those of its JIT compiler threads and its garbage
   * collector threads (so far as they are alive; HotSpot names them "C2 CompilerThread0", "GC
   * Thread#0", "G1 Conc#0" and so on).
   */
  record Cpu(double total, double jit, double gc) {
    Cpu minus(Cpu earlier) {
      return new Cpu(total - earlier.total, jit - earlier.jit, gc - earlier.gc);
    }
  }

  Sample sample(long atSeconds) {
    return new Sample(atSeconds, openFiles(), liveHeapKiB());
  }

  /**
   * The broker's CPU time so far, user and system, from {@code /proc/<pid>/stat}; -1 when it cannot
   * be read.
   */
  private double cpuSeconds() {
    try {
      return seconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The CPU time so far; -1 for the total when it cannot be read. */
  Cpu cpu() {
    double jit = 0;
    double gc = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat = readOrEmpty(task.resolve("stat"));
        if (stat.isEmpty()) {
          continue; // the thread has ended
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.contains("CompilerThre")) {
          jit += seconds(stat);
        } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
          gc += seconds(stat);
        }
      }
    } catch (IOException e) {
      return new Cpu(-1, 0, 0);
    }
    return new Cpu(cpuSeconds(), jit, gc);
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** User and system time from a {@code stat} line; ticks taken as the usual 100 per second. */
  private static double seconds(String stat) {
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  private long openFiles() {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private long liveHeapKiB() {
    if (jcmd("GC.run") == null) {
      return -1;
    }
    String info = jcmd("GC.heap_info");
    if (info == null) {
      return -1;
    }
    // The first "used" figure is the whole heap's.
    Matcher m = USED.matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private String jcmd(String command) {
    try {
      Process p =
          new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
