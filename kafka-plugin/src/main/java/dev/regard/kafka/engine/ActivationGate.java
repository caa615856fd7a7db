package dev.regard.kafka.engine;

import dev.regard.kafka.bundle.BundleWatcher;
import dev.regard.kafka.credentials.CredentialBundleCheck;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.RuleInfo;
import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleException;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a verified bundle must pass before it replaces the revision in force, in order: sound
 * credentials, a policy that compiles and type-checks against the bundle's input schemas, the data
 * the policy reads, and (unless turned off) the bundle's own {@code test_} rules. The first failing
 * step refuses the bundle with a message naming the check, path or test. The broker's watcher and
 * the runtime's preflight both use this gate, so a bundle that passes preflight comes into force.
 *
 * @param limits the deadline and step budget of every evaluation, tests included
 * @param strictBuiltinErrors whether a failing builtin fails the evaluation (a deny) rather than
 *     leaving its expression undefined
 * @param runTests whether the bundle's {@code test_} rules must all be true
 */
public record ActivationGate(EvalLimits limits, boolean strictBuiltinErrors, boolean runTests)
    implements BundleWatcher.Gate<CompiledPolicy> {

  private static final Duration PREPARE_DEADLINE = Duration.ofMinutes(1);

  /** The gate the configuration asks for. */
  public static ActivationGate of(AuthorizerConfig config) {
    return new ActivationGate(
        Engines.evalLimits(config),
        !config
            .getString(AuthorizerConfig.POLICY_BUILTIN_ERRORS)
            .equals(AuthorizerConfig.BUILTIN_ERRORS_LENIENT),
        config.getBoolean(AuthorizerConfig.BUNDLE_RUN_TESTS));
  }

  @Override
  public CompiledPolicy admit(Bundle bundle) {
    CredentialBundleCheck.check(bundle);
    CompiledPolicy policy = compile(bundle);
    DataReferences.check(bundle);
    if (runTests) {
      runTests(policy);
    }
    // Indexes that read no input (who holds which role anywhere) are built before the bundle comes
    // into force, not by its first decision.
    policy.prepare(new EvalLimits(PREPARE_DEADLINE, limits.maxSteps()));
    return policy;
  }

  /**
   * Compiles the bundle's modules and data with this gate's evaluation settings; the bundle's
   * {@code schemas/} come along, so the policy is type-checked against the input schemas it
   * declares. {@code input.principal} is the same for every request of a connection, so rules that
   * read only it (a principal's identities and groups) are remembered per principal.
   */
  public CompiledPolicy compile(Bundle bundle) {
    try {
      return bundle
          .applyTo(
              Rego.builder()
                  .limits(limits)
                  .strictBuiltinErrors(strictBuiltinErrors)
                  .sessionInput("principal"))
          .compile();
    } catch (RegoException e) {
      throw new BundleException("the policy does not compile: " + describe(e.errors()), e);
    }
  }

  private static void runTests(CompiledPolicy policy) {
    Map<String, RuleInfo> tests = new LinkedHashMap<>();
    for (RuleInfo rule : policy.rules()) {
      String name = rule.ref().substring(rule.ref().lastIndexOf('.') + 1);
      if (name.startsWith("test_")) {
        tests.putIfAbsent(rule.ref(), rule);
      }
    }
    List<String> failed = new ArrayList<>();
    for (RuleInfo test : tests.values()) {
      String at =
          test.location() == null
              ? test.ref()
              : test.ref() + " (" + test.location().file() + ":" + test.location().line() + ")";
      try {
        Optional<Value> result = policy.evaluate(test.ref(), null);
        if (!result.equals(Optional.of(BooleanValue.TRUE))) {
          failed.add(at);
        }
      } catch (RegoException e) {
        failed.add(at + ": " + describe(e.errors()));
      }
    }
    if (!failed.isEmpty()) {
      throw new BundleException(
          failed.size() + " of " + tests.size() + " bundle tests failed: " + failed);
    }
  }

  static String describe(List<RegoError> errors) {
    return errors.stream().map(RegoError::toString).collect(Collectors.joining("; "));
  }
}
