package dev.regard.rego.builtins;

/** What a builtin may ask of the query that calls it. Implemented by the evaluator. */
public interface BuiltinContext {
  /** The query's clock: one fixed instant for the whole query, as OPA's {@code time.now_ns}. */
  long timeNowNs();

  /**
   * Charges {@code steps} units of work against the query's step budget. Builtins that produce
   * output proportional to an argument (ranges, expansions, repetitions) charge before they
   * allocate, so a policy cannot make the evaluator run out of memory or time.
   */
  void charge(long steps);
}
