package dev.regard.threatmodel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a triage rule came to be. */
public enum RuleOrigin {
  /** Derived from the prose of a section (out-of-scope lists, known non-findings). */
  DERIVED,
  /** Written by hand in a {@code triage} fenced block. */
  EXPLICIT;

  /** The lower-case name used in rules files. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The origin with this name, ignoring case.
   *
   * @throws IllegalArgumentException if no origin has this name
   */
  @JsonCreator
  public static RuleOrigin fromId(String id) {
    for (RuleOrigin origin : values()) {
      if (origin.name().equalsIgnoreCase(id.strip())) {
        return origin;
      }
    }
    throw new IllegalArgumentException("unknown rule origin '" + id + "'");
  }
}
