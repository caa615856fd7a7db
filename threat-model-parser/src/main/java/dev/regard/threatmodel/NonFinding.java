package dev.regard.threatmodel;

import java.util.List;

/**
 * A known non-finding: a recurring report the maintainers have explained as not a vulnerability.
 *
 * @param title the entry's lead text or sub-heading
 * @param text the entry as plain text
 * @param criteria what the prose lets a finding be matched by (possibly empty)
 * @param explicitRuleIds ids of the {@code triage} rules written with the entry (possibly empty);
 *     when present they replace a rule derived from the prose
 * @param ruleWaived true when the entry says it has no triage rule on purpose
 * @param provenance who stands behind it
 * @param source where it is stated
 */
public record NonFinding(
    String title,
    String text,
    MatchCriteria criteria,
    List<String> explicitRuleIds,
    boolean ruleWaived,
    Provenance provenance,
    SourceRef source) {

  public NonFinding {
    explicitRuleIds = List.copyOf(explicitRuleIds);
  }

  /** True when a rule should be derived from the prose: no explicit rule, no waiver, criteria. */
  public boolean derivesRule() {
    return explicitRuleIds.isEmpty() && !ruleWaived && !criteria.isEmpty();
  }
}
