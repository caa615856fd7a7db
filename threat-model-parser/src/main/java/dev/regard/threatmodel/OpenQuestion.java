package dev.regard.threatmodel;

/**
 * A question the threat model leaves open.
 *
 * @param text the question as plain text
 * @param open false when the entry says it is answered, resolved or closed
 * @param waitingOn whom the answer waits on, or {@code null} when not stated
 * @param source where it is stated
 */
public record OpenQuestion(String text, boolean open, String waitingOn, SourceRef source) {}
