package dev.regard.rego.ast;

import java.util.List;

/**
 * A rule as written. {@code head} is the rule's reference relative to its package ({@code p},
 * {@code p[k]}, {@code a.b[c].d}); {@code args} is non-null for functions; {@code key} is the
 * element of a {@code contains} rule; {@code value} is null when the rule's value is {@code true};
 * {@code elseRule} is the next link of an {@code else} chain.
 */
public record Rule(
    Location location,
    Kind kind,
    boolean isDefault,
    Term.Ref head,
    List<Term> args,
    Term key,
    Term value,
    List<Literal> body,
    Rule elseRule) {

  /** The forms of rule. */
  public enum Kind {
    /** {@code p := v}, {@code p[k] := v}, {@code a.b.c if ...}: one value per ref. */
    SINGLE,
    /** {@code p contains x}: set elements. */
    MULTI,
    /** {@code f(x) := y}. */
    FUNCTION
  }

  public Rule {
    args = args == null ? null : List.copyOf(args);
    body = List.copyOf(body);
  }
}
