package dev.regard.kafka.authn;

import java.util.Optional;

/**
 * What a principal name may hold, whatever the mechanism that names it: at most {@link #MAX_CHARS}
 * characters and no control characters (nor Unicode line or paragraph separators), so that a name
 * can neither forge a log line nor grow without bound in logs, metrics and decisions.
 */
public final class PrincipalNames {
  /** The longest principal name accepted, in UTF-16 characters. */
  public static final int MAX_CHARS = 255;

  private PrincipalNames() {}

  /** Why {@code name} cannot name a principal; empty when it can. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("empty name");
    }
    if (name.length() > MAX_CHARS) {
      return Optional.of("name longer than " + MAX_CHARS + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return Optional.of(String.format("name holds control character U+%04X", (int) c));
      }
    }
    return Optional.empty();
  }
}
