package dev.regard.triage.output;

import dev.regard.threatmodel.TriageRule;
import dev.regard.triage.classify.Classification;
import dev.regard.triage.classify.TriageVerdict;
import dev.regard.triage.finding.Level;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a triage run: by verdict, by disposition, by deciding rule and, for in-scope findings,
 * by level. Bounded by the number of rules, not of findings. Not thread-safe: one run fills it.
 */
public final class Tally {
  /**
   * A rule and how many findings it decided.
   *
   * @param rule the rule
   * @param count findings it decided
   */
  public record RuleCount(TriageRule rule, long count) {}

  private long total;
  private final Map<TriageVerdict, Long> byVerdict = new EnumMap<>(TriageVerdict.class);
  private final Map<String, Long> byDisposition = new TreeMap<>();
  private final Map<String, RuleCount> byRule = new LinkedHashMap<>();
  private final Map<Level, Long> inScopeByLevel = new EnumMap<>(Level.class);

  /** Counts one classification. */
  public void add(Classification c) {
    total++;
    byVerdict.merge(c.verdict(), 1L, Long::sum);
    byDisposition.merge(c.disposition(), 1L, Long::sum);
    if (c.rule() != null && c.verdict().excluded()) {
      byRule.merge(
          c.rule().id(),
          new RuleCount(c.rule(), 1),
          (a, b) -> new RuleCount(a.rule(), a.count() + 1));
    }
    if (c.verdict() == TriageVerdict.IN_SCOPE) {
      inScopeByLevel.merge(Level.fromIdOrWarning(c.finding().level()), 1L, Long::sum);
    }
  }

  /** Findings classified. */
  public long total() {
    return total;
  }

  /** Findings with this verdict. */
  public long count(TriageVerdict verdict) {
    return byVerdict.getOrDefault(verdict, 0L);
  }

  /** Findings by disposition label, sorted by label. */
  public Map<String, Long> byDisposition() {
    return Collections.unmodifiableMap(byDisposition);
  }

  /** Findings by deciding rule id, in the order rules first decided. */
  public Map<String, RuleCount> byRule() {
    return Collections.unmodifiableMap(byRule);
  }

  /** In-scope findings at {@code threshold} or more severe. */
  public long inScopeAtLeast(Level threshold) {
    long n = 0;
    for (Map.Entry<Level, Long> e : inScopeByLevel.entrySet()) {
      n += e.getKey().atLeast(threshold) ? e.getValue() : 0;
    }
    return n;
  }
}
