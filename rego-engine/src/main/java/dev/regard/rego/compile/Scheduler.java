package dev.regard.rego.compile;

import dev.regard.rego.RegoError;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders body expressions so that each runs once its inputs are bound, as OPA does, and reports
 * variables that no order can bind ({@code rego_unsafe_var_error}). Nested bodies (comprehensions,
 * {@code every}) are ordered with the variables bound where they occur.
 */
final class Scheduler {
  private final java.util.function.ToIntFunction<String> arity;
  private final List<RegoError> errors;
  private int hoisted;

  /**
   * {@code arity} gives the number of inputs of a function or builtin by full name, -1 if unknown.
   */
  Scheduler(java.util.function.ToIntFunction<String> arity, List<RegoError> errors) {
    this.arity = arity;
    this.errors = errors;
  }

  /** The result of ordering a body: the new order and the variables bound after it. */
  record Ordered(List<Literal> body, Set<String> bound) {}

  Ordered order(List<Literal> body, Set<String> initiallyBound) {
    Set<String> bound = new HashSet<>(initiallyBound);
    Set<String> visible = new HashSet<>(initiallyBound);
    for (Literal l : body) {
      literalVars(l, visible);
    }
    List<Literal> pending = new ArrayList<>(body);
    List<Literal> out = new ArrayList<>(body.size());
    while (!pending.isEmpty()) {
      int chosen = -1;
      for (int i = 0; i < pending.size(); i++) {
        if (ready(pending.get(i), bound, visible, pending, i)) {
          chosen = i;
          break;
        }
      }
      if (chosen < 0) {
        if (hoistRefArguments(pending, bound, visible)) {
          continue;
        }
        reportUnsafe(pending, bound);
        return new Ordered(out, bound);
      }
      Literal l = pending.remove(chosen);
      out.add(nested(l, bound, visible));
      bind(l, bound);
    }
    return new Ordered(out, bound);
  }

  /**
   * As OPA does, a reference argument of a call binds the variables of its keys before the call
   * runs ({@code foo == input.foos[foo]}): when no literal is ready, the first such reference whose
   * own inputs are bound moves into a unification of its own ahead of the call. Returns whether a
   * literal was split.
   */
  private boolean hoistRefArguments(List<Literal> pending, Set<String> bound, Set<String> visible) {
    for (int i = 0; i < pending.size(); i++) {
      Literal l = pending.get(i);
      if (l.negated()
          || !(l.stmt() instanceof Stmt.TermStmt t)
          || !(t.term() instanceof Term.Call c)) {
        continue;
      }
      for (int j = 0; j < inputArgCount(c); j++) {
        if (c.args().get(j) instanceof Term.Ref r
            && inputsBound(r, bound, visible)
            && !bound.containsAll(refKeyVars(r))) {
          Term.Var temp = new Term.Var("$ref" + (++hoisted), r.location());
          visible.add(temp.name());
          List<Term> args = new ArrayList<>(c.args());
          args.set(j, temp);
          Term.Call call = new Term.Call(c.name(), args, c.location());
          pending.set(i, new Literal(false, new Stmt.TermStmt(call), l.withs(), l.location()));
          pending.add(i, new Literal(false, new Stmt.Unify(temp, r), List.of(), l.location()));
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> refKeyVars(Term.Ref r) {
    Set<String> out = new HashSet<>();
    for (Term p : r.path()) {
      Resolver.patternVars(p, out);
    }
    return out;
  }

  private void reportUnsafe(List<Literal> pending, Set<String> bound) {
    Set<Term.Var> unsafe = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    for (Literal l : pending) {
      List<Term.Var> vars = new ArrayList<>();
      literalVarTerms(l, vars);
      for (Term.Var v : vars) {
        if (!bound.contains(v.name()) && seen.add(v.name())) {
          unsafe.add(v);
        }
      }
    }
    for (Term.Var v : unsafe) {
      String shown = v.generated() ? "_" : Resolver.displayName(v.name());
      errors.add(
          new RegoError("rego_unsafe_var_error", "var " + shown + " is unsafe", v.location()));
    }
  }

  // ------------------------------------------------------------ readiness

  private boolean ready(
      Literal l, Set<String> bound, Set<String> visible, List<Literal> pending, int self) {
    for (Literal.With w : l.withs()) {
      if (!inputsBound(w.value(), bound, visible)) {
        return false;
      }
    }
    if (l.negated()) {
      // Variables of a negated expression that occur elsewhere must be bound first; the others
      // are local to it.
      Set<String> mine = new HashSet<>();
      literalVars(l, mine);
      Set<String> others = new HashSet<>();
      for (int i = 0; i < pending.size(); i++) {
        if (i != self) {
          literalVars(pending.get(i), others);
        }
      }
      for (String v : mine) {
        if (!bound.contains(v) && others.contains(v)) {
          return false;
        }
      }
      return true;
    }
    if (l.stmt() instanceof Stmt.TermStmt t) {
      return inputsBound(t.term(), bound, visible);
    } else if (l.stmt() instanceof Stmt.Unify u) {
      return unifyReady(u.left(), u.right(), bound, visible);
    } else if (l.stmt() instanceof Stmt.Assign a) {
      return inputsBound(a.right(), bound, visible) && patternReady(a.left(), bound, visible);
    } else if (l.stmt() instanceof Stmt.SomeDecl d) {
      return true;
    } else if (l.stmt() instanceof Stmt.SomeIn s) {
      return inputsBound(s.collection(), bound, visible)
          && (s.key() == null || patternReady(s.key(), bound, visible))
          && patternReady(s.value(), bound, visible);
    } else if (l.stmt() instanceof Stmt.Every e) {
      return inputsBound(e.domain(), bound, visible) && everyReady(e, bound, visible);
    } else {
      throw new IllegalStateException("unreachable");
    }
  }

  private static boolean everyReady(Stmt.Every e, Set<String> bound, Set<String> visible) {
    Set<String> used = new HashSet<>();
    bodyVars(e.body(), used);
    Set<String> own = new HashSet<>();
    if (e.key() != null) {
      Resolver.patternVars(e.key(), own);
    }
    Resolver.patternVars(e.value(), own);
    for (String v : used) {
      if (visible.contains(v) && !own.contains(v) && !bound.contains(v)) {
        return false;
      }
    }
    return true;
  }

  private boolean unifyReady(Term a, Term b, Set<String> bound, Set<String> visible) {
    if (inputsBound(a, bound, visible) && patternReady(b, bound, visible)) {
      return true;
    }
    if (inputsBound(b, bound, visible) && patternReady(a, bound, visible)) {
      return true;
    }
    if (a instanceof Term.ArrayTerm x
        && b instanceof Term.ArrayTerm y
        && x.items().size() == y.items().size()) {
      Set<String> tmp = new HashSet<>(bound);
      List<Integer> left = new ArrayList<>();
      for (int i = 0; i < x.items().size(); i++) {
        left.add(i);
      }
      boolean progress = true;
      while (!left.isEmpty() && progress) {
        progress = false;
        for (int k = 0; k < left.size(); k++) {
          int i = left.get(k);
          if (unifyReady(x.items().get(i), y.items().get(i), tmp, visible)) {
            outputs(x.items().get(i), tmp, true);
            outputs(y.items().get(i), tmp, true);
            left.remove(k);
            progress = true;
            break;
          }
        }
      }
      return left.isEmpty();
    }
    if (a instanceof Term.ObjectTerm x
        && b instanceof Term.ObjectTerm y
        && x.entries().size() == y.entries().size()) {
      Set<String> tmp = new HashSet<>(bound);
      for (Term.Entry e : x.entries()) {
        if (!inputsBound(e.key(), tmp, visible)) {
          return false;
        }
      }
      for (Term.Entry e : y.entries()) {
        if (!inputsBound(e.key(), tmp, visible)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Whether the inputs of a term evaluated as a value are bound. */
  private boolean inputsBound(Term t, Set<String> bound, Set<String> visible) {
    Set<String> needed = new HashSet<>();
    inputs(t, needed, visible);
    return bound.containsAll(needed);
  }

  /** Whether a term used as a pattern (variables to bind) has its evaluated parts bound. */
  private boolean patternReady(Term t, Set<String> bound, Set<String> visible) {
    if (t instanceof Term.Var v) {
      return true;
    } else if (t instanceof Term.ArrayTerm a) {
      return a.items().stream().allMatch(i -> patternReady(i, bound, visible));
    } else if (t instanceof Term.ObjectTerm o) {
      return o.entries().stream()
          .allMatch(
              e -> inputsBound(e.key(), bound, visible) && patternReady(e.value(), bound, visible));
    } else {
      return inputsBound(t, bound, visible);
    }
  }

  /** Variables a term needs bound when evaluated as a value. */
  private void inputs(Term t, Set<String> out, Set<String> visible) {
    if (t instanceof Term.Scalar s) {
    } else if (t instanceof Term.Var v) {
      out.add(v.name());
    } else if (t instanceof Term.Ref r) {
      if (!(r.head() instanceof Term.Var v && isRoot(v))) {
        inputs(r.head(), out, visible);
      }
      for (Term p : r.path()) {
        refKeyInputs(p, out, visible);
      }
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> inputs(i, out, visible));
    } else if (t instanceof Term.SetTerm s) {
      s.items().forEach(i -> inputs(i, out, visible));
    } else if (t instanceof Term.ObjectTerm o) {
      o.entries()
          .forEach(
              e -> {
                inputs(e.key(), out, visible);
                inputs(e.value(), out, visible);
              });
    } else if (t instanceof Term.Call c) {
      int n = inputArgCount(c);
      for (int i = 0; i < c.args().size(); i++) {
        if (i < n) {
          inputs(c.args().get(i), out, visible);
        } else {
          patternInputs(c.args().get(i), out, visible);
        }
      }
    } else if (t instanceof Term.ArrayCompr c) {
      captured(c, out, visible);
    } else if (t instanceof Term.SetCompr c) {
      captured(c, out, visible);
    } else if (t instanceof Term.ObjectCompr c) {
      captured(c, out, visible);
    }
  }

  /** Reference keys that are variables or composites of variables iterate, binding them. */
  private void refKeyInputs(Term p, Set<String> out, Set<String> visible) {
    if (p instanceof Term.Var v) {
    } else if (p instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> refKeyInputs(i, out, visible));
    } else if (p instanceof Term.ObjectTerm o) {
      o.entries().forEach(e -> refKeyInputs(e.value(), out, visible));
    } else {
      inputs(p, out, visible);
    }
  }

  private void patternInputs(Term t, Set<String> out, Set<String> visible) {
    if (t instanceof Term.Var v) {
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> patternInputs(i, out, visible));
    } else if (t instanceof Term.ObjectTerm o) {
      o.entries()
          .forEach(
              e -> {
                inputs(e.key(), out, visible);
                patternInputs(e.value(), out, visible);
              });
    } else {
      inputs(t, out, visible);
    }
  }

  /** A comprehension needs the outer variables it mentions. */
  private void captured(Term compr, Set<String> out, Set<String> visible) {
    Set<String> all = new HashSet<>();
    allVars(compr, all);
    for (String v : all) {
      if (visible.contains(v)) {
        out.add(v);
      }
    }
  }

  int inputArgCount(Term.Call c) {
    int n = arity.applyAsInt(c.name());
    return n < 0 ? c.args().size() : Math.min(n, c.args().size());
  }

  private static boolean isRoot(Term.Var v) {
    return v.name().equals("data") || v.name().equals("input");
  }

  // ------------------------------------------------------------ binding

  private void bind(Literal l, Set<String> bound) {
    if (l.negated()) {
      return;
    }
    if (l.stmt() instanceof Stmt.TermStmt t) {
      outputs(t.term(), bound, false);
    } else if (l.stmt() instanceof Stmt.Unify u) {
      outputs(u.left(), bound, true);
      outputs(u.right(), bound, true);
    } else if (l.stmt() instanceof Stmt.Assign a) {
      outputs(a.left(), bound, true);
      outputs(a.right(), bound, false);
    } else if (l.stmt() instanceof Stmt.SomeDecl) {
      // a declaration binds nothing
    } else if (l.stmt() instanceof Stmt.SomeIn s) {
      if (s.key() != null) {
        outputs(s.key(), bound, true);
      }
      outputs(s.value(), bound, true);
      outputs(s.collection(), bound, false);
    } else if (l.stmt() instanceof Stmt.Every e) {
      outputs(e.domain(), bound, false);
    }
  }

  /** Adds the variables a term binds: pattern variables, reference keys, call outputs. */
  private void outputs(Term t, Set<String> bound, boolean pattern) {
    if (t instanceof Term.Var v) {
      if (pattern) {
        bound.add(v.name());
      }
    } else if (t instanceof Term.Ref r) {
      outputs(r.head(), bound, false);
      for (Term p : r.path()) {
        outputs(p, bound, true);
      }
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> outputs(i, bound, pattern));
    } else if (t instanceof Term.SetTerm s) {
      s.items().forEach(i -> outputs(i, bound, false));
    } else if (t instanceof Term.ObjectTerm o) {
      o.entries()
          .forEach(
              e -> {
                outputs(e.key(), bound, false);
                outputs(e.value(), bound, pattern);
              });
    } else if (t instanceof Term.Call c) {
      int n = inputArgCount(c);
      for (int i = 0; i < c.args().size(); i++) {
        outputs(c.args().get(i), bound, i >= n);
      }
    }
  }

  // ------------------------------------------------------------ nested bodies

  private Literal nested(Literal l, Set<String> bound, Set<String> visible) {
    Stmt s;
    if (l.stmt() instanceof Stmt.TermStmt t) {
      s = new Stmt.TermStmt(nestedTerm(t.term(), bound));
    } else if (l.stmt() instanceof Stmt.Unify u) {
      s = new Stmt.Unify(nestedTerm(u.left(), bound), nestedTerm(u.right(), bound));
    } else if (l.stmt() instanceof Stmt.Assign a) {
      s = new Stmt.Assign(nestedTerm(a.left(), bound), nestedTerm(a.right(), bound));
    } else if (l.stmt() instanceof Stmt.SomeDecl d) {
      s = d;
    } else if (l.stmt() instanceof Stmt.SomeIn si) {
      s =
          new Stmt.SomeIn(
              si.key() == null ? null : nestedTerm(si.key(), bound),
              nestedTerm(si.value(), bound),
              nestedTerm(si.collection(), bound));
    } else if (l.stmt() instanceof Stmt.Every e) {
      Set<String> inner = new HashSet<>(bound);
      if (e.key() != null) {
        Resolver.patternVars(e.key(), inner);
      }
      Resolver.patternVars(e.value(), inner);
      s =
          new Stmt.Every(
              e.key(), e.value(), nestedTerm(e.domain(), bound), order(e.body(), inner).body());
    } else {
      throw new IllegalStateException("unreachable");
    }
    List<Literal.With> withs = new ArrayList<>();
    for (Literal.With w : l.withs()) {
      withs.add(new Literal.With(w.target(), nestedTerm(w.value(), bound), w.location()));
    }
    return new Literal(l.negated(), s, withs, l.location());
  }

  /** Orders the bodies of comprehensions inside a term. */
  Term nestedTerm(Term t, Set<String> bound) {
    if (t instanceof Term.Scalar s) {
      return s;
    } else if (t instanceof Term.Var v) {
      return v;
    } else if (t instanceof Term.Ref r) {
      List<Term> path = new ArrayList<>();
      r.path().forEach(p -> path.add(nestedTerm(p, bound)));
      return new Term.Ref(nestedTerm(r.head(), bound), path, r.location());
    } else if (t instanceof Term.ArrayTerm a) {
      return new Term.ArrayTerm(nestedTerms(a.items(), bound), a.location());
    } else if (t instanceof Term.SetTerm s) {
      return new Term.SetTerm(nestedTerms(s.items(), bound), s.location());
    } else if (t instanceof Term.ObjectTerm o) {
      List<Term.Entry> es = new ArrayList<>();
      o.entries()
          .forEach(
              e ->
                  es.add(new Term.Entry(nestedTerm(e.key(), bound), nestedTerm(e.value(), bound))));
      return new Term.ObjectTerm(es, o.location());
    } else if (t instanceof Term.Call c) {
      return new Term.Call(c.name(), nestedTerms(c.args(), bound), c.location());
    } else if (t instanceof Term.ArrayCompr c) {
      Ordered o = order(c.body(), bound);
      checkHead(c.head(), o.bound());
      return new Term.ArrayCompr(nestedTerm(c.head(), o.bound()), o.body(), c.location());
    } else if (t instanceof Term.SetCompr c) {
      Ordered o = order(c.body(), bound);
      checkHead(c.head(), o.bound());
      return new Term.SetCompr(nestedTerm(c.head(), o.bound()), o.body(), c.location());
    } else if (t instanceof Term.ObjectCompr c) {
      Ordered o = order(c.body(), bound);
      checkHead(c.key(), o.bound());
      checkHead(c.value(), o.bound());
      return new Term.ObjectCompr(
          nestedTerm(c.key(), o.bound()), nestedTerm(c.value(), o.bound()), o.body(), c.location());
    } else {
      throw new IllegalStateException("unreachable");
    }
  }

  private List<Term> nestedTerms(List<Term> ts, Set<String> bound) {
    List<Term> out = new ArrayList<>(ts.size());
    ts.forEach(t -> out.add(nestedTerm(t, bound)));
    return out;
  }

  /** Reports variables of a rule or comprehension head that its body does not bind. */
  void checkHead(Term head, Set<String> bound) {
    Set<String> needed = new HashSet<>();
    inputs(head, needed, Set.of());
    List<Term.Var> vars = new ArrayList<>();
    varTerms(head, vars);
    Set<String> reported = new HashSet<>();
    for (Term.Var v : vars) {
      if (needed.contains(v.name()) && !bound.contains(v.name()) && reported.add(v.name())) {
        errors.add(
            new RegoError(
                "rego_unsafe_var_error",
                "var " + (v.generated() ? "_" : Resolver.displayName(v.name())) + " is unsafe",
                v.location()));
      }
    }
  }

  // ------------------------------------------------------------ variable collection

  /** Variables of a literal outside nested bodies, plus those nested bodies mention. */
  static void literalVars(Literal l, Set<String> out) {
    List<Term.Var> vs = new ArrayList<>();
    literalVarTerms(l, vs);
    vs.forEach(v -> out.add(v.name()));
  }

  static void literalVarTerms(Literal l, List<Term.Var> out) {
    if (l.stmt() instanceof Stmt.TermStmt t) {
      varTerms(t.term(), out);
    } else if (l.stmt() instanceof Stmt.Unify u) {
      varTerms(u.left(), out);
      varTerms(u.right(), out);
    } else if (l.stmt() instanceof Stmt.Assign a) {
      varTerms(a.left(), out);
      varTerms(a.right(), out);
    } else if (l.stmt() instanceof Stmt.SomeDecl) {
      // a declaration binds nothing
    } else if (l.stmt() instanceof Stmt.SomeIn s) {
      if (s.key() != null) {
        varTerms(s.key(), out);
      }
      varTerms(s.value(), out);
      varTerms(s.collection(), out);
    } else if (l.stmt() instanceof Stmt.Every e) {
      varTerms(e.domain(), out);
    }
    for (Literal.With w : l.withs()) {
      varTerms(w.value(), out);
    }
  }

  /** Variables of a term, not descending into comprehensions. */
  static void varTerms(Term t, List<Term.Var> out) {
    if (t instanceof Term.Var v) {
      out.add(v);
    } else if (t instanceof Term.Ref r) {
      if (!(r.head() instanceof Term.Var v && isRoot(v))) {
        varTerms(r.head(), out);
      }
      r.path().forEach(p -> varTerms(p, out));
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> varTerms(i, out));
    } else if (t instanceof Term.SetTerm s) {
      s.items().forEach(i -> varTerms(i, out));
    } else if (t instanceof Term.ObjectTerm o) {
      o.entries()
          .forEach(
              e -> {
                varTerms(e.key(), out);
                varTerms(e.value(), out);
              });
    } else if (t instanceof Term.Call c) {
      c.args().forEach(a -> varTerms(a, out));
    }
  }

  /** Every variable of a term, including inside comprehensions. */
  static void allVars(Term t, Set<String> out) {
    if (t instanceof Term.Var v) {
      out.add(v.name());
    } else if (t instanceof Term.Ref r) {
      if (!(r.head() instanceof Term.Var v && isRoot(v))) {
        allVars(r.head(), out);
      }
      r.path().forEach(p -> allVars(p, out));
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> allVars(i, out));
    } else if (t instanceof Term.SetTerm s) {
      s.items().forEach(i -> allVars(i, out));
    } else if (t instanceof Term.ObjectTerm o) {
      o.entries()
          .forEach(
              e -> {
                allVars(e.key(), out);
                allVars(e.value(), out);
              });
    } else if (t instanceof Term.Call c) {
      c.args().forEach(a -> allVars(a, out));
    } else if (t instanceof Term.ArrayCompr c) {
      allVars(c.head(), out);
      bodyVars(c.body(), out);
    } else if (t instanceof Term.SetCompr c) {
      allVars(c.head(), out);
      bodyVars(c.body(), out);
    } else if (t instanceof Term.ObjectCompr c) {
      allVars(c.key(), out);
      allVars(c.value(), out);
      bodyVars(c.body(), out);
    }
  }

  static void bodyVars(List<Literal> body, Set<String> out) {
    for (Literal l : body) {
      if (l.stmt() instanceof Stmt.TermStmt t) {
        allVars(t.term(), out);
      } else if (l.stmt() instanceof Stmt.Unify u) {
        allVars(u.left(), out);
        allVars(u.right(), out);
      } else if (l.stmt() instanceof Stmt.Assign a) {
        allVars(a.left(), out);
        allVars(a.right(), out);
      } else if (l.stmt() instanceof Stmt.SomeDecl) {
        // a declaration binds nothing
      } else if (l.stmt() instanceof Stmt.SomeIn s) {
        if (s.key() != null) {
          allVars(s.key(), out);
        }
        allVars(s.value(), out);
        allVars(s.collection(), out);
      } else if (l.stmt() instanceof Stmt.Every e) {
        allVars(e.domain(), out);
        bodyVars(e.body(), out);
      }
      l.withs().forEach(w -> allVars(w.value(), out));
    }
  }
}
