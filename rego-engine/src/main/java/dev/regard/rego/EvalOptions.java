package dev.regard.rego;

/**
 * Options of one evaluation. A null {@code timeNowNs} means the clock at query start; null {@code
 * limits} or {@code strictBuiltinErrors} mean the policy's own settings.
 */
public record EvalOptions(Long timeNowNs, EvalLimits limits, Boolean strictBuiltinErrors) {
  public static final EvalOptions DEFAULT = new EvalOptions(null, null, null);
}
