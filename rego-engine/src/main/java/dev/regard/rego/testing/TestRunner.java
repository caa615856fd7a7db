package dev.regard.rego.testing;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalOptions;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.RuleInfo;
import dev.regard.rego.testing.TestResult.Status;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a compiled policy's tests the way {@code opa test} does: every rule whose name starts with
 * {@code test_} is evaluated without input and passes only when its value is {@code true};
 * undefined or any other value fails, and an evaluation error is reported as an error. Rules named
 * {@code todo_...} are reported as skipped.
 */
public final class TestRunner {
  private final EvalOptions options;
  private final Pattern filter;

  /** Runs every test with the policy's own settings. */
  public TestRunner() {
    this(EvalOptions.DEFAULT, null);
  }

  /**
   * A runner with its own evaluation options and, optionally, a filter.
   *
   * @param options evaluation options for every test, e.g. a fixed clock or larger limits
   * @param filter only tests whose ref contains a match run (as {@code opa test --run}); null for
   *     all
   */
  public TestRunner(EvalOptions options, Pattern filter) {
    this.options = options;
    this.filter = filter;
  }

  public TestReport run(CompiledPolicy policy) {
    List<TestResult> results = new ArrayList<>();
    for (RuleInfo rule : testRules(policy)) {
      if (filter == null || filter.matcher(rule.ref()).find()) {
        results.add(runOne(policy, rule));
      }
    }
    return new TestReport(results);
  }

  /** Each test rule once (a rule defined in several bodies is one test), in source order. */
  static List<RuleInfo> testRules(CompiledPolicy policy) {
    Map<String, RuleInfo> byRef = new LinkedHashMap<>();
    for (RuleInfo rule : policy.rules()) {
      String name = lastSegment(rule.ref());
      if (name.startsWith("test_") || name.startsWith("todo_")) {
        byRef.putIfAbsent(rule.ref(), rule);
      }
    }
    return List.copyOf(byRef.values());
  }

  private TestResult runOne(CompiledPolicy policy, RuleInfo rule) {
    if (lastSegment(rule.ref()).startsWith("todo_")) {
      return new TestResult(rule.ref(), rule.location(), Status.SKIPPED, "", Duration.ZERO);
    }
    long start = System.nanoTime();
    Status status;
    String message;
    try {
      Optional<Value> value = policy.evaluate(rule.ref(), null, options);
      if (value.isEmpty()) {
        status = Status.FAIL;
        message = "undefined";
      } else if (value.get().equals(BooleanValue.TRUE)) {
        status = Status.PASS;
        message = "";
      } else {
        status = Status.FAIL;
        message = "value: " + value.get().toJson();
      }
    } catch (RegoException e) {
      status = Status.ERROR;
      message =
          e.errors().isEmpty()
              ? String.valueOf(e.getMessage())
              : e.errors().stream().map(RegoError::toString).collect(Collectors.joining("\n"));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new TestResult(rule.ref(), rule.location(), status, message, took);
  }

  private static String lastSegment(String ref) {
    int dot = ref.lastIndexOf('.');
    return dot < 0 ? ref : ref.substring(dot + 1);
  }
}
