package dev.regard.threatmodel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Finer disposition as Apache threat-model drafts write it: {@code OUT-OF-MODEL} with a reason
 * ({@code trusted-input}, {@code adversary-not-in-scope}, {@code unsupported-component}, {@code
 * non-default-build}), {@code BY-DESIGN}, {@code KNOWN-NON-FINDING}, or a name a model's own
 * disposition table defines ({@code DISCLAIMED}, {@code DOWNSTREAM-RESPONSIBILITY}, …).
 *
 * @param kind an upper-case name such as {@code OUT-OF-MODEL} or {@code BY-DESIGN}
 * @param reason the reason after the colon; {@code null} when there is none
 */
public record Disposition(String kind, String reason) {

  public static final String OUT_OF_MODEL = "OUT-OF-MODEL";
  public static final String BY_DESIGN = "BY-DESIGN";
  public static final String KNOWN_NON_FINDING = "KNOWN-NON-FINDING";

  private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*");

  public Disposition {
    Objects.requireNonNull(kind, "kind");
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException(
          "unknown disposition '"
              + kind
              + "' (expected an upper-case name such as OUT-OF-MODEL:<reason>, BY-DESIGN or"
              + " KNOWN-NON-FINDING)");
    }
    if (reason != null && reason.isBlank()) {
      reason = null;
    }
  }

  /**
   * The disposition a model's own table names, written as the model writes it: {@code OUT-OF-MODEL:
   * trusted-input}, {@code DISCLAIMED}, or words such as "Out of scope" (which give {@code
   * OUT-OF-SCOPE}).
   */
  public static Disposition ofModelName(String name) {
    String label =
        name.strip()
            .replaceAll("\\s*:\\s*", ":")
            .replaceAll("[^A-Za-z0-9:-]+", "-")
            .replaceAll("^-+|-+$", "");
    int colon = label.indexOf(':');
    String kind =
        (colon < 0 ? label : label.substring(0, colon)).toUpperCase(java.util.Locale.ROOT);
    String reason =
        colon < 0 ? null : label.substring(colon + 1).toLowerCase(java.util.Locale.ROOT);
    kind = kind.replaceAll("^(?:AN?|THE)-", "");
    return new Disposition(kind.isEmpty() ? "MODEL" : kind, reason);
  }

  /** The disposition written as {@code KIND} or {@code KIND:reason}. */
  @JsonValue
  public String label() {
    return reason == null ? kind : kind + ":" + reason;
  }

  /**
   * Reads a label such as {@code OUT-OF-MODEL:trusted-input}.
   *
   * @throws IllegalArgumentException if the label is not a known disposition
   */
  @JsonCreator
  public static Disposition parse(String label) {
    Objects.requireNonNull(label, "label");
    String trimmed = label.strip();
    int colon = trimmed.indexOf(':');
    Disposition disposition =
        colon < 0
            ? new Disposition(trimmed, null)
            : new Disposition(
                trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
    if (OUT_OF_MODEL.equals(disposition.kind()) && disposition.reason() == null) {
      throw new IllegalArgumentException("disposition OUT-OF-MODEL needs a reason");
    }
    return disposition;
  }
}
