package dev.regard.kafka.engine;

import dev.regard.kafka.bundle.BundleSource;
import dev.regard.kafka.bundle.BundleWatcher;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.RegoException;
import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Evaluates policy bundles in the broker's JVM with the Rego engine. Bundles arrive through a
 * {@link BundleWatcher}: read by rego-engine's bundle reader, then admitted by the {@link
 * ActivationGate} before they come into force.
 */
public final class EmbeddedEngine implements PolicyEngine {
  private final BundleWatcher<CompiledPolicy> watcher;

  /**
   * @param pollInterval how often the source is asked for a new bundle
   */
  public EmbeddedEngine(
      BundleSource source,
      BundleReader reader,
      ActivationGate gate,
      Duration pollInterval,
      Clock clock) {
    this.watcher = new BundleWatcher<>(source, reader, gate, pollInterval, clock);
  }

  @Override
  public void start() {
    watcher.start();
  }

  @Override
  public Optional<Policy> current() {
    return watcher.current().map(RegoPolicy::new);
  }

  @Override
  public CompletableFuture<Void> ready() {
    return watcher.firstLoad();
  }

  @Override
  public long loadFailures() {
    return watcher.failures();
  }

  /** The watcher, for polling on demand. */
  public BundleWatcher<CompiledPolicy> watcher() {
    return watcher;
  }

  @Override
  public void close() {
    watcher.close();
  }

  private record RegoPolicy(BundleWatcher.Loaded<CompiledPolicy> loaded) implements Policy {
    @Override
    public String revision() {
      return loaded.revision();
    }

    @Override
    public Instant loadedAt() {
      return loaded.loadedAt();
    }

    @Override
    public Optional<Value> evaluate(String query, Value input) throws PolicyException {
      return evaluate(query, input, loaded.compiled()::evaluate);
    }

    @Override
    public Session session() {
      CompiledPolicy.Session session = loaded.compiled().session();
      return (query, input) -> evaluate(query, input, session::evaluate);
    }

    /** Every failure, a builtin's or the engine's own, is an error here: never undefined. */
    private static Optional<Value> evaluate(
        String query, Value input, BiFunction<String, Value, Optional<Value>> engine)
        throws PolicyException {
      try {
        return engine.apply(query, input);
      } catch (RegoException e) {
        throw new PolicyException(
            "evaluating " + query + " failed: " + ActivationGate.describe(e.errors()), e);
      } catch (RuntimeException e) {
        throw new PolicyException("evaluating " + query + " failed in the engine: " + e, e);
      }
    }
  }
}
