package dev.regard.rego.compile;

import dev.regard.rego.RegoError;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Module;
import dev.regard.rego.ast.Rule;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks of OPA's compiler strict mode ({@code opa check --strict}), each a {@code
 * rego_compile_error} with OPA's text: duplicate imports, unused imports, unused local assignments
 * ({@code :=}) and unused function arguments, and calls of deprecated builtins. A variable counts
 * as used when its name occurs anywhere else in the rule (or, for an import, in the module).
 */
final class StrictChecks {
  /** The builtins OPA has deprecated. */
  static final Set<String> DEPRECATED =
      Set.of(
          "any",
          "all",
          "re_match",
          "net.cidr_overlap",
          "set_diff",
          "cast_array",
          "cast_set",
          "cast_string",
          "cast_boolean",
          "cast_null",
          "cast_object");

  private final List<RegoError> errors;

  private StrictChecks(List<RegoError> errors) {
    this.errors = errors;
  }

  static void run(List<Module> modules, List<RegoError> errors) {
    StrictChecks checks = new StrictChecks(errors);
    modules.forEach(checks::module);
  }

  private void module(Module m) {
    Map<String, Integer> moduleUses = new HashMap<>();
    for (Rule r : m.rules()) {
      for (Rule link = r; link != null; link = link.elseRule()) {
        Map<String, Integer> uses = new HashMap<>();
        ruleTerms(link, t -> count(t, uses));
        uses.forEach((k, v) -> moduleUses.merge(k, v, Integer::sum));
        rule(link, uses);
      }
    }
    Map<String, Module.Import> seen = new HashMap<>();
    for (Module.Import imp : m.imports()) {
      String root = imp.path().get(0);
      if (!root.equals("data") && !root.equals("input")) {
        continue; // rego.v1 and future.keywords only switch on syntax
      }
      String alias = imp.alias() != null ? imp.alias() : imp.path().get(imp.path().size() - 1);
      Module.Import before = seen.put(alias, imp);
      if (before != null) {
        error("import must not shadow " + text(before), imp.location());
      } else if (moduleUses.getOrDefault(alias, 0) == 0) {
        error(text(imp) + " unused", imp.location());
      }
    }
  }

  private static String text(Module.Import imp) {
    String path = String.join(".", imp.path());
    return "import " + path + (imp.alias() == null ? "" : " as " + imp.alias());
  }

  private void rule(Rule r, Map<String, Integer> uses) {
    if (r.args() != null) {
      for (Term a : r.args()) {
        for (Term.Var v : patternVars(a)) {
          if (!v.generated() && uses.getOrDefault(v.name(), 0) == 1) {
            error(
                "unused argument " + v.name() + ". (hint: use _ (wildcard variable) instead)",
                r.location());
          }
        }
      }
    }
    List<List<Literal>> bodies = new ArrayList<>();
    bodies.add(r.body());
    for (Term t : headTerms(r)) {
      bodiesIn(t, bodies::add); // comprehensions in the head
    }
    Consumer<Literal> check =
        l -> {
          if (l.stmt() instanceof Stmt.Assign a) {
            for (Term.Var v : patternVars(a.left())) {
              if (!v.generated() && uses.getOrDefault(v.name(), 0) == 1) {
                error("assigned var " + v.name() + " unused", l.location());
              }
            }
          }
          terms(
              l,
              t -> {
                if (t instanceof Term.Call c && DEPRECATED.contains(c.name())) {
                  error(
                      "deprecated built-in function calls in expression: " + c.name(),
                      c.location());
                }
              });
        };
    bodies.forEach(b -> literals(b, check));
  }

  private static List<Term> headTerms(Rule r) {
    List<Term> out = new ArrayList<>();
    out.add(r.head());
    if (r.args() != null) {
      out.addAll(r.args());
    }
    if (r.key() != null) {
      out.add(r.key());
    }
    if (r.value() != null) {
      out.add(r.value());
    }
    return out;
  }

  private void error(String message, Location loc) {
    errors.add(new RegoError("rego_compile_error", message, loc));
  }

  /** Counts a variable's name, or the first name segment of a call ({@code alias.f(x)}). */
  private static void count(Term t, Map<String, Integer> uses) {
    if (t instanceof Term.Var v) {
      uses.merge(v.name(), 1, Integer::sum);
    } else if (t instanceof Term.Call c && c.name().contains(".")) {
      uses.merge(c.name().substring(0, c.name().indexOf('.')), 1, Integer::sum);
    }
  }

  // ------------------------------------------------------------------ walking

  /** Every term of a rule: head, arguments, value and every literal at any depth. */
  private static void ruleTerms(Rule r, Consumer<Term> f) {
    headTerms(r).forEach(t -> deep(t, f));
    literals(r.body(), l -> terms(l, f));
  }

  /** Each literal of a body, then those of the bodies nested in it, depth first. */
  private static void literals(List<Literal> body, Consumer<Literal> f) {
    for (Literal l : body) {
      f.accept(l);
      directTerms(l, t -> bodiesIn(t, b -> literals(b, f)));
      if (l.stmt() instanceof Stmt.Every e) {
        literals(e.body(), f);
      }
    }
  }

  /** Every term a literal holds, at any depth, but not the literals of nested bodies. */
  private static void terms(Literal l, Consumer<Term> f) {
    directTerms(l, t -> shallow(t, f));
    if (l.stmt() instanceof Stmt.SomeDecl d) {
      d.vars().forEach(f);
    }
  }

  /** A term and its parts, stopping at comprehension bodies. */
  private static void shallow(Term t, Consumer<Term> f) {
    f.accept(t);
    children(t, c -> shallow(c, f));
  }

  /** A term and its parts, comprehension bodies included. */
  private static void deep(Term t, Consumer<Term> f) {
    f.accept(t);
    children(t, c -> deep(c, f));
    if (t instanceof Term.ArrayCompr
        || t instanceof Term.SetCompr
        || t instanceof Term.ObjectCompr) {
      literals(body(t), l -> terms(l, f));
    }
  }

  /** The comprehension bodies inside a term, outermost first. */
  private static void bodiesIn(Term t, Consumer<List<Literal>> f) {
    if (t instanceof Term.ArrayCompr
        || t instanceof Term.SetCompr
        || t instanceof Term.ObjectCompr) {
      f.accept(body(t));
    }
    children(t, c -> bodiesIn(c, f));
  }

  private static List<Literal> body(Term compr) {
    if (compr instanceof Term.ArrayCompr c) {
      return c.body();
    } else if (compr instanceof Term.SetCompr c) {
      return c.body();
    }
    return ((Term.ObjectCompr) compr).body();
  }

  /** The terms a literal holds directly (not those of an {@code every} body). */
  private static void directTerms(Literal l, Consumer<Term> f) {
    Stmt s = l.stmt();
    if (s instanceof Stmt.TermStmt t) {
      f.accept(t.term());
    } else if (s instanceof Stmt.Unify u) {
      f.accept(u.left());
      f.accept(u.right());
    } else if (s instanceof Stmt.Assign a) {
      f.accept(a.left());
      f.accept(a.right());
    } else if (s instanceof Stmt.SomeIn si) {
      if (si.key() != null) {
        f.accept(si.key());
      }
      f.accept(si.value());
      f.accept(si.collection());
    } else if (s instanceof Stmt.Every e) {
      if (e.key() != null) {
        f.accept(e.key());
      }
      f.accept(e.value());
      f.accept(e.domain());
    }
    for (Literal.With w : l.withs()) {
      f.accept(w.target());
      f.accept(w.value());
    }
  }

  private static void children(Term t, Consumer<Term> f) {
    if (t instanceof Term.Ref r) {
      f.accept(r.head());
      r.path().forEach(f);
    } else if (t instanceof Term.Call c) {
      c.args().forEach(f);
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(f);
    } else if (t instanceof Term.SetTerm s) {
      s.items().forEach(f);
    } else if (t instanceof Term.ObjectTerm o) {
      for (Term.Entry e : o.entries()) {
        f.accept(e.key());
        f.accept(e.value());
      }
    } else if (t instanceof Term.ArrayCompr c) {
      f.accept(c.head());
    } else if (t instanceof Term.SetCompr c) {
      f.accept(c.head());
    } else if (t instanceof Term.ObjectCompr c) {
      f.accept(c.key());
      f.accept(c.value());
    }
  }

  /** The variables of an assignment pattern or argument. */
  private static List<Term.Var> patternVars(Term t) {
    List<Term.Var> out = new ArrayList<>();
    collectVars(t, out);
    return out;
  }

  private static void collectVars(Term t, List<Term.Var> out) {
    if (t instanceof Term.Var v) {
      out.add(v);
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> collectVars(i, out));
    } else if (t instanceof Term.ObjectTerm o) {
      o.entries().forEach(e -> collectVars(e.value(), out));
    }
  }
}
