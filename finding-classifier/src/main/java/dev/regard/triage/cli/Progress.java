package dev.regard.triage.cli;

import dev.regard.triage.input.ByteCounter;
import java.io.PrintStream;

/**
 * A progress bar on standard error, shown only when there is a terminal to show it on, so that
 * pipes, files and CI logs stay clean. Whether standard error is a terminal: the launcher script
 * tests it ({@code -t 2}) and passes {@value #STDERR_TTY}; without the launcher, a console ({@link
 * System#console()}: standard input and output on a terminal) stands for it.
 */
final class Progress implements AutoCloseable {
  /** System property: {@code true} when standard error is a terminal. */
  static final String STDERR_TTY = "scan-triage.stderr-tty";

  private static final int WIDTH = 30;

  private final ByteCounter counter;
  private final long total;
  private final PrintStream err;
  private final Thread painter;

  private Progress(ByteCounter counter, long total, PrintStream err) {
    this.counter = counter;
    this.total = Math.max(1, total);
    this.err = err;
    this.painter = new Thread(this::paintUntilInterrupted, "scan-triage-progress");
    this.painter.setDaemon(true);
  }

  /**
   * Starts a bar over {@code total} bytes if standard error is a terminal; otherwise does nothing.
   */
  static Progress start(ByteCounter counter, long total) {
    Progress p = new Progress(counter, total, System.err);
    if (onTerminal()) {
      p.paint();
      p.painter.start();
    }
    return p;
  }

  static boolean onTerminal() {
    String stated = System.getProperty(STDERR_TTY);
    return stated != null ? Boolean.parseBoolean(stated) : System.console() != null;
  }

  private void paintUntilInterrupted() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        paint();
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void paint() {
    long done = Math.min(counter.bytes(), total);
    int filled = (int) (WIDTH * done / total);
    err.print(
        "\r["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + (100 * done / total)
            + "% "
            + (done >> 20)
            + "/"
            + (total >> 20)
            + " MiB");
    err.flush();
  }

  @Override
  public void close() {
    if (painter.isAlive()) {
      painter.interrupt();
      try {
        painter.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
      err.flush();
    }
  }
}
