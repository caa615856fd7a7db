package dev.regard.triage.classify;

/**
 * The outcome of one criterion of one rule against one finding, for {@code scan-triage explain}.
 *
 * @param criterion the criterion's name, e.g. {@code paths}
 * @param matched whether it matched
 * @param detail what was compared, e.g. {@code clients/** vs clients/src/A.java}
 */
public record CriterionCheck(String criterion, boolean matched, String detail) {}
