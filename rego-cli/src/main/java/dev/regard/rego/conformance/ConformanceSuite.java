package dev.regard.rego.conformance;

import dev.regard.rego.EvalLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every case of a directory of OPA test-case files and collects a {@link ConformanceReport}.
 * Each case runs on a worker thread under a watchdog, so an engine that hangs outside its own
 * deadline checks fails that one case instead of the whole run.
 */
public final class ConformanceSuite {
  /** Generous next to OPA's own runner, which has no deadline; the watchdog catches the rest. */
  public static final EvalLimits CASE_LIMITS =
      new EvalLimits(Duration.ofSeconds(10), 1_000_000_000L);

  public static final Duration WATCHDOG = Duration.ofSeconds(60);

  private final CaseRunner runner;
  private final Duration watchdog;

  public ConformanceSuite() {
    this(CASE_LIMITS, WATCHDOG);
  }

  public ConformanceSuite(EvalLimits limits, Duration watchdog) {
    this.runner = new CaseRunner(limits);
    this.watchdog = watchdog;
  }

  /**
   * Loads and runs every case under {@code root}. A file that cannot be read counts as one failed
   * case named after the file, so one bad file does not hide the figures of all the others.
   */
  public ConformanceReport run(Path root) {
    List<CaseResult> unreadable = new ArrayList<>();
    List<ConformanceCase> cases = new ArrayList<>();
    for (Path file : CaseLoader.files(root)) {
      try {
        cases.addAll(CaseLoader.loadFile(root, file));
      } catch (CaseFormatException e) {
        unreadable.add(
            new CaseResult(
                CaseLoader.relativeName(root, file) + "#(unreadable)",
                CaseLoader.category(root, file),
                CaseResult.Outcome.FAIL,
                e.getMessage()));
      }
    }
    List<CaseResult> results = new ArrayList<>(unreadable);
    results.addAll(run(cases).results());
    return new ConformanceReport(results);
  }

  public ConformanceReport run(List<ConformanceCase> cases) {
    List<CaseResult> results = new ArrayList<>(cases.size());
    ExecutorService worker = newWorker();
    try {
      for (ConformanceCase c : cases) {
        Future<CaseResult> future = worker.submit(() -> runner.run(c));
        try {
          results.add(future.get(watchdog.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
          future.cancel(true);
          // The stuck thread is a daemon and is abandoned; later cases get a fresh one.
          worker.shutdownNow();
          worker = newWorker();
          results.add(CaseResult.fail(c, "no answer within " + watchdog.toSeconds() + "s"));
        } catch (ExecutionException e) {
          results.add(CaseResult.fail(c, "engine crashed: " + e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("conformance run interrupted", e);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    return new ConformanceReport(results);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          // A deep stack, as recursive policies and a recursive-descent parser may need one.
          Thread t = new Thread(null, r, "conformance-case", 64L * 1024 * 1024);
          t.setDaemon(true);
          return t;
        });
  }
}
