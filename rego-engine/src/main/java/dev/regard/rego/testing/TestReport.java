package dev.regard.rego.testing;

import dev.regard.rego.testing.TestResult.Status;
import java.util.List;

/** All test results of one run, in rule order, with {@code opa test}-style text output. */
public record TestReport(List<TestResult> results) {

  public TestReport {
    results = List.copyOf(results);
  }

  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** True when no test failed or errored (skipped tests do not count against a run). */
  public boolean succeeded() {
    return count(Status.FAIL) == 0 && count(Status.ERROR) == 0;
  }

  /**
   * The report as {@code opa test} prints it: failing and erroring tests with their {@code
   * file:line} (every test when {@code verbose}), then {@code PASS: n/m} and the other counts.
   */
  public String format(boolean verbose) {
    StringBuilder out = new StringBuilder();
    for (TestResult r : results) {
      if (verbose || r.status() == Status.FAIL || r.status() == Status.ERROR) {
        out.append(r.where()).append(": ").append(r.ref()).append(": ").append(r.status());
        out.append(String.format(" (%.3fms)", r.duration().toNanos() / 1e6));
        if (!r.message().isEmpty()) {
          out.append("\n  ").append(r.message().replace("\n", "\n  "));
        }
        out.append('\n');
      }
    }
    if (!results.isEmpty() && (verbose || !succeeded())) {
      out.append("-".repeat(80)).append('\n');
    }
    int total = results.size();
    for (Status s : Status.values()) {
      long n = count(s);
      if (n > 0 || (s == Status.PASS && total == 0)) {
        out.append(s).append(": ").append(n).append('/').append(total).append('\n');
      }
    }
    return out.toString();
  }
}
