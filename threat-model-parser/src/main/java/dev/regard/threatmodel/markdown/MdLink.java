package dev.regard.threatmodel.markdown;

/**
 * A Markdown link.
 *
 * @param label the link text
 * @param destination the target as written
 * @param line the 1-based line
 */
public record MdLink(String label, String destination, int line) {}
