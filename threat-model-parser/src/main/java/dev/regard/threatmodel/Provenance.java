package dev.regard.threatmodel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who stands behind a claim: tagged {@code (documented)}, {@code (maintainer)} or {@code
 * (inferred)}.
 */
public enum Provenance {
  /** Stated in the project's published documentation. */
  DOCUMENTED,
  /** Stated by a maintainer, e.g. on a mailing list or in review. */
  MAINTAINER,
  /** Inferred by the author of the threat model from code or behaviour. */
  INFERRED,
  /** The document gives no provenance tag. */
  UNSTATED;

  /** The lower-case name used in documents and rules files. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The provenance with this name, ignoring case.
   *
   * @throws IllegalArgumentException if no provenance has this name
   */
  @JsonCreator
  public static Provenance fromId(String id) {
    for (Provenance provenance : values()) {
      if (provenance.name().equalsIgnoreCase(id.strip())) {
        return provenance;
      }
    }
    throw new IllegalArgumentException(
        "unknown provenance '" + id + "' (expected documented, maintainer, inferred or unstated)");
  }
}
