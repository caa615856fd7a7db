package dev.regard.threatmodel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
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
 * @param licensedBy further entries that license the verdict: the row of the model's disposition
 *     table, matching known non-findings (possibly empty)
 * @param confirmation for a claim tagged {@code (inferred)}, the open question that asks the
 *     maintainers to confirm it, e.g. {@code §14 Open questions Q2 (THREAT_MODEL.md:175)}; {@code
 *     null} when none is asked
 */
public record TriageRule(
    String id,
    Verdict verdict,
    Disposition disposition,
    MatchCriteria match,
    String rationale,
    Provenance provenance,
    RuleOrigin origin,
    SourceRef source,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SourceRef> licensedBy,
    @JsonInclude(JsonInclude.Include.NON_NULL) String confirmation) {

  @JsonCreator
  public TriageRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(disposition, "disposition");
    match = match == null ? MatchCriteria.NONE : match;
    rationale = rationale == null ? "" : rationale;
    provenance = provenance == null ? Provenance.UNSTATED : provenance;
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(source, "source");
    licensedBy = licensedBy == null ? List.of() : List.copyOf(licensedBy);
  }

  /** A rule licensed by its own source alone. */
  public TriageRule(
      String id,
      Verdict verdict,
      Disposition disposition,
      MatchCriteria match,
      String rationale,
      Provenance provenance,
      RuleOrigin origin,
      SourceRef source) {
    this(id, verdict, disposition, match, rationale, provenance, origin, source, List.of(), null);
  }

  /** True when the claim behind the rule is the model author's inference, not yet confirmed. */
  public boolean inferred() {
    return provenance == Provenance.INFERRED;
  }
}
