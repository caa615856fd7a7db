package dev.regard.threatmodel;

import java.util.List;

/**
 * One row of the model's own disposition table (§13 "Triage dispositions", "Classifying Reports"):
 * the model's vocabulary of verdicts.
 *
 * @param name the disposition as the model writes it, e.g. {@code OUT-OF-MODEL: trusted-input},
 *     {@code DISCLAIMED} or "Out of scope"
 * @param suppresses true when a finding with this disposition is not for a maintainer to fix (out
 *     of model, by design, known non-finding); false for valid, hardening and model-gap rows
 * @param meaning what the row says the disposition covers
 * @param licensedBy the sections the row cites, e.g. {@code [§3, §7]}
 * @param source where the row is
 */
public record DispositionEntry(
    String name, boolean suppresses, String meaning, List<String> licensedBy, SourceRef source) {

  public DispositionEntry {
    licensedBy = List.copyOf(licensedBy);
    meaning = meaning == null ? "" : meaning;
  }
}
