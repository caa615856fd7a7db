package dev.regard.rego.conformance;

import dev.regard.rego.conformance.CaseResult.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The committed list of cases that must keep passing (one case id per line; blank lines and lines
 * starting with {@code #} are ignored). Fidelity only ratchets up: a listed case that fails, or
 * that is no longer found, is a regression.
 */
public record Baseline(Set<String> expectedPass) {

  public Baseline {
    expectedPass = Set.copyOf(expectedPass);
  }

  public static Baseline parse(String text) {
    Set<String> ids = new LinkedHashSet<>();
    for (String line : text.split("\n", -1)) {
      String id = line.strip();
      if (!id.isEmpty() && !id.startsWith("#")) {
        ids.add(id);
      }
    }
    return new Baseline(ids);
  }

  /** Every listed case that did not pass, with the reason, sorted by id. */
  public List<String> regressions(ConformanceReport report) {
    Map<String, CaseResult> byId =
        report.results().stream()
            .collect(Collectors.toMap(CaseResult::id, Function.identity(), (a, b) -> a));
    List<String> out = new ArrayList<>();
    for (String id : expectedPass.stream().sorted().toList()) {
      CaseResult r = byId.get(id);
      if (r == null) {
        out.add(id + " => not found in the suite");
      } else if (r.outcome() != Outcome.PASS) {
        out.add(id + " => " + r.outcome() + ": " + r.oneLineDetail());
      }
    }
    return out;
  }

  /** Cases that pass now but are not listed yet: the baseline can be raised. */
  public List<String> newlyPassing(ConformanceReport report) {
    return report.withOutcome(Outcome.PASS).stream()
        .map(CaseResult::id)
        .filter(id -> !expectedPass.contains(id))
        .sorted()
        .toList();
  }
}
