package dev.regard.threatmodel;

/**
 * A security control, usually a configuration key and its default.
 *
 * @param name the control's name or configuration key as written
 * @param configKey the configuration key, or {@code null} when the control has none
 * @param defaultValue the default value as written, or {@code null} when not given
 * @param description the rest of the entry
 * @param provenance who stands behind it
 * @param source where it is stated
 */
public record SecurityControl(
    String name,
    String configKey,
    String defaultValue,
    String description,
    Provenance provenance,
    SourceRef source) {}
