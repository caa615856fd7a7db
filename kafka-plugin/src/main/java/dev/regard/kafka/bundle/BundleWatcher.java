package dev.regard.kafka.bundle;

import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleReader;
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
 * Polls a bundle source off the request path. Every new revision is read and verified by
 * rego-engine's bundle reader, then passed through the activation gate; only when every step
 * succeeds does it replace the one in force, in one atomic swap. A refused revision keeps the
 * previous one in force, is counted on every poll that meets it and logged once.
 *
 * @param <T> the compiled form the decisions are made with
 */
public final class BundleWatcher<T> implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(BundleWatcher.class);

  /** Decides whether a verified bundle may come into force and compiles it. */
  @FunctionalInterface
  public interface Gate<T> {
    /** The compiled form; throws, naming the failing step, test or path, to refuse the bundle. */
    T admit(Bundle bundle);
  }

  /**
   * The bundle in force, its compiled form and when it was swapped in.
   *
   * @param revision the source's revision (git commit id or content digest)
   */
  public record Loaded<T>(String revision, Bundle bundle, T compiled, Instant loadedAt) {}

  private final BundleSource source;
  private final BundleReader reader;
  private final Gate<T> gate;
  private final Duration pollInterval;
  private final Clock clock;
  private final AtomicReference<Loaded<T>> current = new AtomicReference<>();
  private final CompletableFuture<Void> firstLoad = new CompletableFuture<>();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong loads = new AtomicLong();
  private String lastLoggedFailure;

  /** Guards the scheduler only, so starting never waits for a poll in progress. */
  private final Object lifecycle = new Object();

  private ScheduledExecutorService scheduler;

  public BundleWatcher(
      BundleSource source, BundleReader reader, Gate<T> gate, Duration pollInterval, Clock clock) {
    this.source = source;
    this.reader = reader;
    this.gate = gate;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  /** Polls now and then every poll interval, on a daemon thread of its own; once. */
  public void start() {
    synchronized (lifecycle) {
      startScheduler();
    }
  }

  private void startScheduler() {
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
   * Fetches once and swaps in the bundle if it is new and passes the gate; a failure is counted and
   * logged.
   *
   * @return true when a new bundle is now in force
   */
  public synchronized boolean poll() {
    try {
      return load().isPresent();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      log(e);
      return false;
    }
  }

  /**
   * Fetches once; a new bundle that passes the gate comes into force and is returned.
   *
   * @return empty when the source holds what was fetched last
   * @throws RuntimeException naming the step that failed; the bundle in force stays
   */
  public synchronized Optional<Loaded<T>> load() {
    Optional<BundleFiles> files;
    try {
      files = source.fetch();
    } catch (RuntimeException e) {
      throw new Refused("fetching: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      return Optional.empty();
    }
    String revision = files.get().revision();
    Loaded<T> loaded;
    try {
      Bundle bundle = reader.read(files.get().files(), source.describe());
      loaded = new Loaded<>(revision, bundle, gate.admit(bundle), clock.instant());
    } catch (RuntimeException e) {
      throw new Refused("loading revision " + revision + ": " + e.getMessage(), e);
    }
    current.set(loaded);
    loads.incrementAndGet();
    lastLoggedFailure = null;
    LOG.info(
        "Policy bundle revision {}{} from {} is now in force ({} modules)",
        revision,
        loaded.bundle().revision().isEmpty()
            ? ""
            : " (manifest " + loaded.bundle().revision() + ")",
        source.describe(),
        loaded.bundle().modules().size());
    firstLoad.complete(null);
    return Optional.of(loaded);
  }

  /** A bundle that did not come into force; the message names the step and its cause. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(Redact.text(message), cause);
    }
  }

  /** Logs a failure once, not again on each poll that meets it. */
  private void log(RuntimeException e) {
    String what = e.getMessage();
    if (what.equals(lastLoggedFailure)) {
      LOG.debug("Policy bundle from {} still refused while {}", source.describe(), what);
      return;
    }
    lastLoggedFailure = what;
    Loaded<T> inForce = current.get();
    LOG.error(
        "Policy bundle from {} refused while {}; {}",
        source.describe(),
        what,
        inForce == null
            ? "no bundle is in force, every decision is a deny"
            : "revision " + inForce.revision() + " stays in force");
    LOG.debug("Bundle failure detail", e);
  }

  public Optional<Loaded<T>> current() {
    return Optional.ofNullable(current.get());
  }

  /** Completes when the first good bundle is in force. */
  public CompletableFuture<Void> firstLoad() {
    return firstLoad;
  }

  /** Fetches and revisions refused, since start (the bundle-load-failures-total metric). */
  public long failures() {
    return failures.get();
  }

  /** Bundles swapped in, since start. */
  public long loads() {
    return loads.get();
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      if (scheduler != null) {
        scheduler.shutdownNow();
        scheduler = null;
      }
    }
    synchronized (this) {
      source.close();
    }
  }
}
