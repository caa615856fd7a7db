package dev.regard.kafka.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.config.types.Password;

/**
 * One policy engine per distinct engine configuration in the broker's JVM, shared by the
 * authorizer, every callback handler and every principal builder (Kafka creates one handler per
 * listener and mechanism and one principal builder per connection; a combined broker and controller
 * runs both roles in one JVM). So the bundle is polled once and one revision is in force for
 * authentication and authorization alike, swapped for all at once. Reference-counted: the engine
 * stops when its last lease is closed.
 */
public final class SharedEngines {
  private static final Map<Map<String, String>, Shared> ENGINES = new HashMap<>();
  private static final Cache<Map<String, ?>, Map<String, String>> KEYS =
      Caffeine.newBuilder().weakKeys().build();

  /** The settings that choose the engine, its bundle and how it evaluates; others may differ. */
  private static final List<String> ENGINE_SETTINGS =
      List.of(
          AuthorizerConfig.ENGINE,
          "regard.opa.",
          "regard.bundle.",
          "regard.eval.",
          "regard.policy.");

  private SharedEngines() {}

  /** A handle on a shared engine; close it once. */
  public static final class Lease implements AutoCloseable {
    private final Map<String, String> key;
    private final PolicyEngine engine;
    private boolean closed;

    private Lease(Map<String, String> key, PolicyEngine engine) {
      this.key = key;
      this.engine = engine;
    }

    public PolicyEngine engine() {
      return engine;
    }

    /**
     * Starts the engine if no holder has yet, then waits up to {@code timeoutMs} for the first
     * bundle, so connections that arrive while the broker starts are judged by the policy rather
     * than refused for want of one. Returns false when none came into force in time; every decision
     * then fails closed until one does.
     */
    public boolean awaitFirstBundle(long timeoutMs) {
      engine.start();
      try {
        engine.ready().get(timeoutMs, TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException | ExecutionException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public void close() {
      synchronized (SharedEngines.class) {
        if (closed) {
          return;
        }
        closed = true;
        Shared shared = ENGINES.get(key);
        if (shared != null && shared.engine == engine && --shared.leases == 0) {
          ENGINES.remove(key);
          engine.close();
        }
      }
    }
  }

  private static final class Shared {
    final PolicyEngine engine;
    int leases;

    Shared(PolicyEngine engine) {
      this.engine = engine;
    }
  }

  /**
   * The engine for these broker settings, created when it is new; it starts polling when a holder
   * starts it ({@link Lease#awaitFirstBundle}, or the authorizer's start).
   */
  public static synchronized Lease acquire(Map<String, ?> configs) {
    Map<String, String> key = key(configs);
    Shared shared = ENGINES.get(key);
    if (shared == null) {
      AuthorizerConfig config = new AuthorizerConfig(configs);
      config.validateCombination();
      PolicyEngine engine = Engines.create(config, Clock.systemUTC());
      shared = new Shared(engine);
      ENGINES.put(key, shared);
    }
    shared.leases++;
    return new Lease(key, shared.engine);
  }

  /** The engine for these settings if some handler holds it, without taking a lease. */
  public static synchronized Optional<PolicyEngine> existing(Map<String, ?> configs) {
    return Optional.ofNullable(ENGINES.get(key(configs))).map(s -> s.engine);
  }

  /**
   * The settings that decide which engine serves, which bundle it reads and how it evaluates, after
   * defaults and aliases are applied. Kafka hands every principal builder of a listener the same
   * settings map, so the key is worked out once per map.
   */
  private static Map<String, String> key(Map<String, ?> configs) {
    return KEYS.get(configs, SharedEngines::keyOf);
  }

  private static Map<String, String> keyOf(Map<String, ?> configs) {
    AuthorizerConfig config = new AuthorizerConfig(configs);
    Map<String, String> key = new TreeMap<>();
    config
        .values()
        .forEach(
            (name, value) -> {
              if (ENGINE_SETTINGS.stream().anyMatch(name::startsWith) && value != null) {
                key.put(name, value instanceof Password p ? p.value() : value.toString());
              }
            });
    return Collections.unmodifiableMap(key);
  }
}
