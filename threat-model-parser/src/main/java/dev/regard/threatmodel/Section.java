package dev.regard.threatmodel;

/**
 * One heading of a document and what it was recognised as.
 *
 * @param kind what the section is about
 * @param heading the heading text as written
 * @param level the heading level, 1 to 6
 * @param source where the heading is
 */
public record Section(SectionKind kind, String heading, int level, SourceRef source) {}
