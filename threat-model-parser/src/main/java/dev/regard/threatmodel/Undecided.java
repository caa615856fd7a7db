package dev.regard.threatmodel;

/**
 * A statement the reader could not decide, so it made no rule from it: a scope cell that says
 * neither in nor out, a path that one sentence puts in scope and another out. {@code lint} reports
 * each; the findings it concerns stay in scope.
 *
 * @param statement what was read, shortened
 * @param reason why no rule was made
 * @param source where it is
 */
public record Undecided(String statement, String reason, SourceRef source) {}
