package dev.regard.rego.ast;

import java.util.List;

/** One expression of a body, possibly negated with {@code not} and modified by {@code with}. */
public record Literal(boolean negated, Stmt stmt, List<With> withs, Location location) {
  public Literal {
    withs = List.copyOf(withs);
  }

  /** {@code with target as value}. */
  public record With(Term target, Term value, Location location) {}
}
