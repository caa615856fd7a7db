package dev.regard.rego.ast;

import java.util.List;

/** The statement inside a body literal. */
public sealed interface Stmt
    permits Stmt.TermStmt, Stmt.Unify, Stmt.Assign, Stmt.SomeDecl, Stmt.SomeIn, Stmt.Every {

  /** A term that must be defined and not false, e.g. a call or a reference. */
  record TermStmt(Term term) implements Stmt {}

  /** {@code left = right}. */
  record Unify(Term left, Term right) implements Stmt {}

  /** {@code left := right}. */
  record Assign(Term left, Term right) implements Stmt {}

  /** {@code some x, y}. */
  record SomeDecl(List<Term.Var> vars) implements Stmt {
    public SomeDecl {
      vars = List.copyOf(vars);
    }
  }

  /** {@code some [key,] value in collection}; {@code key} may be null. */
  record SomeIn(Term key, Term value, Term collection) implements Stmt {}

  /** {@code every [key,] value in domain { body }}; {@code key} may be null. */
  record Every(Term key, Term value, Term domain, List<Literal> body) implements Stmt {
    public Every {
      body = List.copyOf(body);
    }
  }
}
