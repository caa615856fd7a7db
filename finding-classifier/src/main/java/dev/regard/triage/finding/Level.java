package dev.regard.triage.finding;

import java.util.Locale;

/** SARIF result levels, ordered from least to most severe. */
public enum Level {
  NONE,
  NOTE,
  WARNING,
  ERROR;

  /** The SARIF spelling, e.g. {@code warning}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a SARIF level.
   *
   * @throws IllegalArgumentException for anything but the four SARIF levels
   */
  public static Level fromId(String id) {
    for (Level level : values()) {
      if (level.id().equals(id)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown level '" + id + "' (expected error, warning, note or none)");
  }

  /** Parses a level from a finding; anything unknown counts as {@code warning}, SARIF's default. */
  public static Level fromIdOrWarning(String id) {
    for (Level level : values()) {
      if (level.id().equals(id)) {
        return level;
      }
    }
    return WARNING;
  }

  /** True when this level is at least as severe as {@code threshold}. */
  public boolean atLeast(Level threshold) {
    return compareTo(threshold) >= 0;
  }
}
