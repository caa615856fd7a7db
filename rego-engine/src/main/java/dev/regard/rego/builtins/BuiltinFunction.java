package dev.regard.rego.builtins;

import dev.regard.rego.value.Value;

/** The implementation of a builtin. */
@FunctionalInterface
public interface BuiltinFunction {
  /**
   * Computes the builtin's result.
   *
   * @param args exactly {@code arity} ground values; never modified
   * @return the result, or {@code null} when the result is undefined
   * @throws BuiltinException on a type error or a failure, with OPA's message but without the
   *     builtin's name, which the evaluator prefixes
   */
  Value call(BuiltinContext ctx, Value[] args);
}
