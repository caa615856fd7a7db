package dev.regard.triage.classify;

import dev.regard.threatmodel.TriageRule;
import java.util.List;

/**
 * How a verdict was reached: every rule tried, in precedence order, up to the one that decided.
 *
 * @param result the classification
 * @param trials the rules tried, the last being the deciding one when a rule decided
 */
public record Explanation(Classification result, List<Trial> trials) {
  /** Copies the list. */
  public Explanation {
    trials = List.copyOf(trials);
  }

  /**
   * One rule tried.
   *
   * @param rule the rule
   * @param matched whether it matched
   * @param checks each criterion it sets, with its outcome
   */
  public record Trial(TriageRule rule, boolean matched, List<CriterionCheck> checks) {
    /** Copies the list. */
    public Trial {
      checks = List.copyOf(checks);
    }
  }
}
