package dev.regard.rego.conformance;

import dev.regard.rego.conformance.CaseResult.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The results of a conformance run: totals, a table per category, and the case lists. */
public record ConformanceReport(List<CaseResult> results) {

  public ConformanceReport {
    results = List.copyOf(results);
  }

  /** Counts for one category (or for the whole run). */
  public record Tally(int total, int passed, int failed, int skipped) {
    Tally add(Outcome outcome) {
      return new Tally(
          total + 1,
          passed + (outcome == Outcome.PASS ? 1 : 0),
          failed + (outcome == Outcome.FAIL ? 1 : 0),
          skipped + (outcome == Outcome.SKIP ? 1 : 0));
    }
  }

  private static final Tally EMPTY = new Tally(0, 0, 0, 0);

  public Tally totals() {
    Tally t = EMPTY;
    for (CaseResult r : results) {
      t = t.add(r.outcome());
    }
    return t;
  }

  /** Tallies by category, sorted by name. */
  public Map<String, Tally> byCategory() {
    Map<String, Tally> table = new TreeMap<>();
    for (CaseResult r : results) {
      table.merge(r.category(), EMPTY.add(r.outcome()), ConformanceReport::sum);
    }
    return table;
  }

  private static Tally sum(Tally a, Tally b) {
    return new Tally(
        a.total() + b.total(),
        a.passed() + b.passed(),
        a.failed() + b.failed(),
        a.skipped() + b.skipped());
  }

  public List<CaseResult> withOutcome(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }

  /** The passing case ids, sorted: the content of a baseline {@code expected-pass.txt}. */
  public String passList() {
    StringBuilder out = new StringBuilder();
    withOutcome(Outcome.PASS).stream()
        .map(CaseResult::id)
        .sorted()
        .forEach(id -> out.append(id).append('\n'));
    return out.toString();
  }

  /** One {@code id => reason} line per failing case: the content of {@code known-failures.txt}. */
  public String failureList() {
    StringBuilder out = new StringBuilder();
    withOutcome(Outcome.FAIL).stream()
        .sorted((a, b) -> a.id().compareTo(b.id()))
        .forEach(r -> out.append(r.id()).append(" => ").append(r.oneLineDetail()).append('\n'));
    return out.toString();
  }

  /** The totals and the per-category table, as text for people. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    Tally t = totals();
    out.append(
        String.format(
            "OPA conformance: %d cases, %d passed, %d failed, %d skipped (%.1f%% of run cases"
                + " pass)%n",
            t.total(), t.passed(), t.failed(), t.skipped(), percent(t)));
    int width =
        Math.max(8, byCategory().keySet().stream().mapToInt(String::length).max().orElse(8));
    String row = "%-" + width + "s %6s %6s %6s %6s%n";
    out.append(String.format(row, "category", "total", "pass", "fail", "skip"));
    byCategory()
        .forEach(
            (name, c) ->
                out.append(
                    String.format(row, name, c.total(), c.passed(), c.failed(), c.skipped())));
    return out.toString();
  }

  private static double percent(Tally t) {
    int run = t.total() - t.skipped();
    return run == 0 ? 0 : 100.0 * t.passed() / run;
  }
}
