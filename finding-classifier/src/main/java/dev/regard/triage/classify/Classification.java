package dev.regard.triage.classify;

import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.TriageRule;
import dev.regard.triage.finding.Finding;

/**
 * The verdict on one finding and what justifies it.
 *
 * @param finding the finding
 * @param verdict the one verdict
 * @param disposition {@code VALID}, {@code VALID-HARDENING}, {@code MODEL-GAP}, or the deciding
 *     rule's disposition such as {@code OUT-OF-MODEL:trusted-input}
 * @param rule the deciding rule, or {@code null} for an in-scope finding
 * @param rationale why, in the model's words where a rule decided
 * @param section the section cited: the rule's, or for an in-scope finding the in-scope component
 *     that covers it; {@code null} when none does
 */
public record Classification(
    Finding finding,
    TriageVerdict verdict,
    String disposition,
    TriageRule rule,
    String rationale,
    SourceRef section) {

  /** In scope and fully covered by the model. */
  public static final String VALID = "VALID";

  /** In scope, but at level note or none: a hardening opportunity rather than a vulnerability. */
  public static final String VALID_HARDENING = "VALID-HARDENING";

  /** In scope, on a path that no in-scope component of the model covers. */
  public static final String MODEL_GAP = "MODEL-GAP";

  /**
   * In scope because the only rule that would exclude it rests on a claim tagged {@code (inferred)}
   * that no maintainer has confirmed.
   */
  public static final String AWAITS_CONFIRMATION = "AWAITS-CONFIRMATION";
}
