package dev.regard.rego.compile;

import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.types.Type;
import dev.regard.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * The output of compilation: the virtual-document tree, the base data, the functions by full name
 * and the builtins. Immutable and safe to share between threads. {@code groupCount} is the number
 * of rule groups, whose {@link RuleGroup#index() indices} run from zero below it; {@code
 * precomputed} holds what is known about the rules' terms before any query; {@code ruleTypes} the
 * type the checker inferred for each group, used to check queries.
 */
public record Program(
    DocNode root,
    Value data,
    Map<String, RuleGroup> functions,
    BuiltinRegistry builtins,
    List<RuleRef> rules,
    int groupCount,
    Precomputed precomputed,
    Map<RuleGroup, Type> ruleTypes) {
  /** A rule's reference and where it is defined. */
  public record RuleRef(String ref, Location location) {}

  /**
   * A compiled query: ordered body and its user-visible variables in order of appearance, each
   * mapped to the internal name it is bound under.
   */
  public record Query(List<Literal> body, Map<String, String> vars) {}
}
