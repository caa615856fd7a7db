package dev.regard.triage.classify;

import dev.regard.threatmodel.Verdict;

/** The one verdict each finding gets. */
public enum TriageVerdict {
  /** The model describes the finding as a recurring false positive. */
  KNOWN_NON_FINDING("known-non-finding"),
  /** The finding lies outside what the model defends against. */
  OUT_OF_MODEL("out-of-model"),
  /** Nothing in the model excludes the finding: a maintainer should look at it. */
  IN_SCOPE("in-scope");

  private final String id;

  TriageVerdict(String id) {
    this.id = id;
  }

  /** The stable identifier, e.g. {@code in-scope}. */
  public String id() {
    return id;
  }

  /** True for the verdicts that suppress a finding. */
  public boolean excluded() {
    return this != IN_SCOPE;
  }

  static TriageVerdict of(Verdict verdict) {
    return verdict == Verdict.KNOWN_NON_FINDING ? KNOWN_NON_FINDING : OUT_OF_MODEL;
  }
}
