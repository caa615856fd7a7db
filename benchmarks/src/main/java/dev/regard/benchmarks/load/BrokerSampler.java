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
 * CPU time.
 */
final class BrokerSampler {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final long pid;

  BrokerSampler(long pid) {
    this.pid = pid;
  }

  /** One sample; -1 for a figure that could not be read. */
  record Sample(long atSeconds, long openFiles, long liveHeapKiB) {}

  Sample sample(long atSeconds) {
    return new Sample(atSeconds, openFiles(), liveHeapKiB());
  }

  /**
   * The broker's CPU time so far, user and system, from {@code /proc/<pid>/stat}; -1 when it cannot
   * be read. Ticks are taken as the usual 100 per second.
   */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
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
