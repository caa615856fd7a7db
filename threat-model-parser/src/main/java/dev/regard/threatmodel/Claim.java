package dev.regard.threatmodel;

/**
 * One statement of a section (an adversary, a trust boundary, an asset), with its provenance.
 *
 * @param text the statement, as plain text
 * @param provenance who stands behind it
 * @param source where it is stated
 */
public record Claim(String text, Provenance provenance, SourceRef source) {}
