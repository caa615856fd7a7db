package dev.regard.kafka.engine;

import dev.regard.kafka.bundle.Bundle;
import dev.regard.kafka.bundle.BundleException;
import dev.regard.kafka.bundle.BundleReader;
import dev.regard.kafka.bundle.BundleSource;
import dev.regard.kafka.bundle.BundleWatcher;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.RuleInfo;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Evaluates policy bundles in the broker's JVM with the Rego engine. Bundles arrive through a
 * {@link BundleWatcher}, which compiles each one (and runs its {@code test_} rules when asked)
 * before it comes into force.
 */
public final class EmbeddedEngine implements PolicyEngine {
  private static final Duration PREPARE_DEADLINE = Duration.ofMinutes(1);

  private final BundleWatcher<CompiledPolicy> watcher;

  /**
   * @param pollInterval how often the source is asked for a new bundle
   * @param limits the deadline and step budget of every evaluation
   * @param runTests whether a bundle's {@code test_} rules must pass before it comes into force
   */
  public EmbeddedEngine(
      BundleSource source,
      BundleReader reader,
      Duration pollInterval,
      Clock clock,
      EvalLimits limits,
      boolean runTests) {
    this.watcher =
        new BundleWatcher<>(
            source, reader, bundle -> compile(bundle, limits, runTests), pollInterval, clock);
  }

  /** Compiles a bundle; with {@code runTests}, every {@code test_} rule must evaluate to true. */
  public static CompiledPolicy compile(Bundle bundle, EvalLimits limits, boolean runTests)
      throws BundleException {
    CompiledPolicy policy;
    try {
      // input.principal is the same for every request of a connection: rules that read only it
      // (a principal's identities and groups) are remembered per principal.
      Rego.Builder builder =
          Rego.builder().limits(limits).sessionInput("principal").data(bundle.data());
      bundle.modules().forEach(builder::module);
      policy = builder.compile();
    } catch (RegoException e) {
      throw new BundleException("the policy does not compile: " + describe(e.errors()), e);
    }
    if (runTests) {
      runTests(policy);
    }
    // Indexes that read no input (who holds which role anywhere) are built before the bundle comes
    // into force, not by its first decision.
    policy.prepare(new EvalLimits(PREPARE_DEADLINE, limits.maxSteps()));
    return policy;
  }

  private static void runTests(CompiledPolicy policy) throws BundleException {
    Set<String> tests = new LinkedHashSet<>();
    for (RuleInfo rule : policy.rules()) {
      String name = rule.ref().substring(rule.ref().lastIndexOf('.') + 1);
      if (name.startsWith("test_")) {
        tests.add(rule.ref());
      }
    }
    List<String> failed = new ArrayList<>();
    for (String test : tests) {
      try {
        Optional<Value> result = policy.evaluate(test, null);
        if (!result.equals(Optional.of(BooleanValue.TRUE))) {
          failed.add(test);
        }
      } catch (RegoException e) {
        failed.add(test + " (" + describe(e.errors()) + ")");
      }
    }
    if (!failed.isEmpty()) {
      throw new BundleException(
          failed.size() + " of " + tests.size() + " bundle tests failed: " + failed);
    }
  }

  private static String describe(List<RegoError> errors) {
    return errors.stream().map(RegoError::toString).collect(Collectors.joining("; "));
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
      return loaded.bundle().revision();
    }

    @Override
    public Instant loadedAt() {
      return loaded.loadedAt();
    }

    @Override
    public Optional<Value> evaluate(String query, Value input) throws PolicyException {
      try {
        return loaded.compiled().evaluate(query, input);
      } catch (RegoException e) {
        throw new PolicyException("evaluating " + query + " failed: " + describe(e.errors()), e);
      }
    }
  }
}
