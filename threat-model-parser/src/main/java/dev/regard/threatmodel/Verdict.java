package dev.regard.threatmodel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a triage rule says about a finding it matches. */
public enum Verdict {
  /** The finding lies outside what the threat model defends against. */
  OUT_OF_MODEL("out-of-model"),
  /** The finding is a recurring false positive the maintainers have already explained. */
  KNOWN_NON_FINDING("known-non-finding");

  private final String id;

  Verdict(String id) {
    this.id = id;
  }

  /** The stable identifier used in rules documents, e.g. {@code "out-of-model"}. */
  @JsonValue
  public String id() {
    return id;
  }

  /**
   * The verdict with this identifier.
   *
   * @throws IllegalArgumentException if no verdict has this identifier
   */
  @JsonCreator
  public static Verdict fromId(String id) {
    for (Verdict verdict : values()) {
      if (verdict.id.equals(id)) {
        return verdict;
      }
    }
    throw new IllegalArgumentException(
        "unknown verdict '" + id + "' (expected out-of-model or known-non-finding)");
  }
}
