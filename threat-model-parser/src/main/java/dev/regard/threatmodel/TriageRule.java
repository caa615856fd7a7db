package dev.regard.threatmodel;

import java.util.Objects;

/**
 * One machine-readable triage rule: findings matching {@link #match()} get {@link #verdict()}.
 *
 * @param id unique within a rules document
 * @param verdict what the rule says about matching findings
 * @param disposition the finer disposition, e.g. {@code OUT-OF-MODEL:unsupported-component}
 * @param match the criteria a finding must meet
 * @param rationale why, in the document's words
 * @param provenance who stands behind the claim
 * @param origin derived from prose or written in a {@code triage} block
 * @param source the section that justifies the rule
 */
public record TriageRule(
    String id,
    Verdict verdict,
    Disposition disposition,
    MatchCriteria match,
    String rationale,
    Provenance provenance,
    RuleOrigin origin,
    SourceRef source) {

  public TriageRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(disposition, "disposition");
    match = match == null ? MatchCriteria.NONE : match;
    rationale = rationale == null ? "" : rationale;
    provenance = provenance == null ? Provenance.UNSTATED : provenance;
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(source, "source");
  }
}
