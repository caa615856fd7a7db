package dev.regard.rego.compile;

import dev.regard.rego.value.Value;
import java.util.List;

/**
 * All rules that define the document at one path, such as {@code data.pkg.p}, across modules.
 * {@code defaultValue} is the value of a constant {@code default} rule, or null; {@code
 * defaultRule} is a {@code default} rule whose value holds a comprehension, computed when needed.
 * {@code index} numbers the groups of a program from zero, so that evaluation can cache their
 * values in an array.
 */
public record RuleGroup(
    String name,
    List<Value> path,
    Kind kind,
    int arity,
    List<CompiledRule> rules,
    Value defaultValue,
    CompiledRule defaultRule,
    int index) {
  /** How the rules of a group combine into one document. */
  public enum Kind {
    /** Rules whose head is the whole path: one value. */
    COMPLETE,
    /** {@code contains} rules: a set. */
    MULTI,
    /** Rules with variable keys below the path: an object. */
    OBJECT,
    /** Functions. */
    FUNCTION
  }

  public RuleGroup {
    path = List.copyOf(path);
    rules = List.copyOf(rules);
  }

  /** Groups are distinct documents of one compilation: equal only to themselves. */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  /** By identity, so that maps of groups do not hash whole rule trees. */
  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
