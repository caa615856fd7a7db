package dev.regard.kafka.bundle;

import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a bundle source off the request path. Every new bundle is read, verified and compiled
 * (compiling may include running its tests); only when every step succeeds does it replace the one
 * in force, in one atomic swap. A bundle that fails keeps the previous one in force, is logged with
 * its cause and counted.
 *
 * @param <T> the compiled form the decisions are made with
 */
public final class BundleWatcher<T> implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(BundleWatcher.class);

  /** Compiles a verified bundle into the form decisions are made with. */
  @FunctionalInterface
  public interface Compiler<T> {
    T compile(Bundle bundle) throws BundleException;
  }

  /** The bundle in force, its compiled form and when it was swapped in. */
  public record Loaded<T>(Bundle bundle, T compiled, Instant loadedAt) {}

  private final BundleSource source;
  private final BundleReader reader;
  private final Compiler<T> compiler;
  private final Duration pollInterval;
  private final Clock clock;
  private final AtomicReference<Loaded<T>> current = new AtomicReference<>();
  private final CompletableFuture<Void> firstLoad = new CompletableFuture<>();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong loads = new AtomicLong();
  private ScheduledExecutorService scheduler;

  public BundleWatcher(
      BundleSource source,
      BundleReader reader,
      Compiler<T> compiler,
      Duration pollInterval,
      Clock clock) {
    this.source = source;
    this.reader = reader;
    this.compiler = compiler;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  /** Polls now and then every poll interval, on a daemon thread of its own. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "regard-bundle-watcher");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Fetches once and swaps in the bundle if it is new and good.
   *
   * @return true when a new bundle is now in force
   */
  public synchronized boolean poll() {
    Optional<BundleFiles> files;
    try {
      files = source.fetch();
    } catch (BundleException | RuntimeException e) {
      fail("fetching", e);
      return false;
    }
    if (files.isEmpty()) {
      return false;
    }
    try {
      Bundle bundle = reader.read(files.get());
      T compiled = compiler.compile(bundle);
      current.set(new Loaded<>(bundle, compiled, clock.instant()));
      loads.incrementAndGet();
      LOG.info(
          "Policy bundle revision {}{} from {} is now in force ({} modules)",
          bundle.revision(),
          bundle.manifestRevision().isEmpty()
              ? ""
              : " (manifest " + bundle.manifestRevision() + ")",
          source.describe(),
          bundle.modules().size());
      firstLoad.complete(null);
      return true;
    } catch (BundleException | RuntimeException e) {
      fail("loading revision " + files.get().revision(), e);
      return false;
    }
  }

  private void fail(String step, Exception e) {
    failures.incrementAndGet();
    Loaded<T> inForce = current.get();
    LOG.error(
        "Policy bundle from {} rejected while {}: {}; {}",
        source.describe(),
        step,
        e.getMessage(),
        inForce == null
            ? "no bundle is in force, every decision is a deny"
            : "revision " + inForce.bundle().revision() + " stays in force");
    LOG.debug("Bundle failure detail", e);
  }

  public Optional<Loaded<T>> current() {
    return Optional.ofNullable(current.get());
  }

  /** Completes when the first good bundle is in force. */
  public CompletableFuture<Void> firstLoad() {
    return firstLoad;
  }

  /** Bundles that failed to fetch, read, verify or compile, since start. */
  public long failures() {
    return failures.get();
  }

  /** Bundles swapped in, since start. */
  public long loads() {
    return loads.get();
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
    source.close();
  }
}
