package dev.regard.rego.compile;

import dev.regard.rego.RegoError;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the names of one module: a variable naming a rule of the package, an import or a root
 * document becomes a full reference ({@code data.pkg.p}); calls get the full name of the function
 * or builtin they target, checked for existence (the type checker checks their arguments).
 * Variables declared with {@code some}, {@code :=}, {@code every} or as function parameters stay
 * local even when a rule has their name.
 */
final class Resolver {
  /** Arity of the evaluator's own membership functions. */
  static final Map<String, Integer> INTERNAL =
      Map.of("internal.member_2", 2, "internal.member_3", 3);

  private final List<Value> pkgPath;
  private final Map<String, List<Value>> aliases;
  private final Set<String> packageRules;
  private final Map<String, Integer> functions;
  private final BuiltinRegistry builtins;
  private final List<RegoError> errors;

  Resolver(
      List<Value> pkgPath,
      Map<String, List<Value>> aliases,
      Set<String> packageRules,
      Map<String, Integer> functions,
      BuiltinRegistry builtins,
      List<RegoError> errors) {
    this.pkgPath = pkgPath;
    this.aliases = aliases;
    this.packageRules = packageRules;
    this.functions = functions;
    this.builtins = builtins;
    this.errors = errors;
  }

  /** Variables at pattern positions of a term: itself, or inside composites. */
  static void patternVars(Term t, Set<String> out) {
    if (t instanceof Term.Var v) {
      out.add(v.name());
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> patternVars(i, out));
    } else if (t instanceof Term.SetTerm s) {
      s.items().forEach(i -> patternVars(i, out));
    } else if (t instanceof Term.ObjectTerm o) {
      o.entries().forEach(e -> patternVars(e.value(), out));
    }
  }

  /**
   * Local variables in scope: each name maps to its unique internal name, so that a variable
   * declared with {@code :=}, {@code some} or {@code every} is distinct from any other of the same
   * name elsewhere in the rule.
   */
  static final class Scope {
    private final Map<String, String> names;
    private final Set<String> declaredHere = new HashSet<>();
    private final Set<String> usedUndeclared = new HashSet<>();
    private final Set<String> args = new HashSet<>();
    private final Set<String> argsOfBody;

    Scope(Map<String, String> names) {
      this(names, Set.of());
    }

    private Scope(Map<String, String> names, Set<String> argsOfBody) {
      this.names = new HashMap<>(names);
      this.argsOfBody = argsOfBody;
    }

    /** The scope of a function's parameters: its body may not redeclare them. */
    static Scope ofArgs(Map<String, String> argNames) {
      return new Scope(argNames, Set.copyOf(argNames.keySet()));
    }

    Scope child() {
      Scope c = new Scope(names);
      c.args.addAll(argsOfBody);
      return c;
    }

    boolean contains(String name) {
      return names.containsKey(name);
    }

    String internal(String name) {
      return names.get(name);
    }

    void declareAs(String name, String internal) {
      names.put(name, internal);
      declaredHere.add(name);
    }
  }

  /** A resolved body and the scope at its end (for rule and comprehension heads). */
  record Resolved(List<Literal> body, Scope scope) {}

  private int fresh;

  /** The name a user wrote for an internal variable name. */
  static String displayName(String internal) {
    int i = internal.indexOf('$');
    return i > 0 ? internal.substring(0, i) : internal;
  }

  private void declare(Term pattern, Scope scope) {
    Set<String> vars = new java.util.LinkedHashSet<>();
    patternVars(pattern, vars);
    for (String v : vars) {
      if (v.startsWith("$")) {
        continue;
      }
      if (scope.args.contains(v)) {
        errors.add(
            new RegoError("rego_compile_error", "arg " + v + " redeclared", pattern.location()));
      } else if (scope.declaredHere.contains(v)) {
        errors.add(
            new RegoError(
                "rego_compile_error", "var " + v + " assigned above", pattern.location()));
      } else if (scope.usedUndeclared.contains(v)) {
        errors.add(
            new RegoError(
                "rego_compile_error", "var " + v + " referenced above", pattern.location()));
      }
      scope.declareAs(v, v + "$" + (++fresh));
    }
  }

  Resolved body(List<Literal> body, Scope outer) {
    Scope scope = outer.child();
    List<Literal> out = new ArrayList<>(body.size());
    for (Literal l : body) {
      out.add(literal(l, scope));
    }
    return new Resolved(out, scope);
  }

  private Literal literal(Literal l, Scope scope) {
    Stmt s;
    if (l.stmt() instanceof Stmt.TermStmt t) {
      s = new Stmt.TermStmt(term(t.term(), scope));
    } else if (l.stmt() instanceof Stmt.Unify u) {
      s = new Stmt.Unify(term(u.left(), scope), term(u.right(), scope));
    } else if (l.stmt() instanceof Stmt.Assign a) {
      checkAssignable(a.left());
      Term right = term(a.right(), scope);
      declare(a.left(), scope);
      s = new Stmt.Assign(term(a.left(), scope), right);
    } else if (l.stmt() instanceof Stmt.SomeDecl d) {
      List<Term.Var> vars = new ArrayList<>();
      for (Term.Var v : d.vars()) {
        declare(v, scope);
        vars.add((Term.Var) term(v, scope));
      }
      s = new Stmt.SomeDecl(vars);
    } else if (l.stmt() instanceof Stmt.SomeIn si) {
      Term coll = term(si.collection(), scope);
      if (si.key() != null) {
        declare(si.key(), scope);
      }
      declare(si.value(), scope);
      s =
          new Stmt.SomeIn(
              si.key() == null ? null : term(si.key(), scope), term(si.value(), scope), coll);
    } else if (l.stmt() instanceof Stmt.Every e) {
      Term domain = term(e.domain(), scope);
      Scope inner = scope.child();
      if (e.key() != null) {
        declare(e.key(), inner);
      }
      declare(e.value(), inner);
      s =
          new Stmt.Every(
              e.key() == null ? null : term(e.key(), inner),
              term(e.value(), inner),
              domain,
              body(e.body(), inner).body());
    } else {
      throw new IllegalStateException("unknown statement " + l.stmt());
    }
    List<Literal.With> withs = new ArrayList<>();
    for (Literal.With w : l.withs()) {
      withs.add(new Literal.With(withTarget(w), withValue(w.value(), scope), w.location()));
    }
    return new Literal(l.negated(), s, withs, l.location());
  }

  /**
   * A {@code with} value naming a builtin (such as {@code count}) becomes an argument-less {@link
   * Term.Call} that stands for the function itself.
   */
  private Term withValue(Term value, Scope scope) {
    String dotted = dottedName(value);
    if (dotted != null) {
      String head = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
      if (!scope.contains(head)
          && !aliases.containsKey(head)
          && !packageRules.contains(head)
          && !head.equals("data")
          && !head.equals("input")
          && builtins.find(dotted).isPresent()) {
        return new Term.Call(dotted, List.of(), value.location());
      }
    }
    return term(value, scope);
  }

  private void checkAssignable(Term left) {
    Set<String> vars = new HashSet<>();
    patternVars(left, vars);
    for (String root : List.of("input", "data")) {
      if (left instanceof Term.Var v && v.name().equals(root)) {
        errors.add(
            new RegoError(
                "rego_compile_error",
                "variables must not shadow " + root + " (use a different variable name)",
                left.location()));
      }
    }
    if (left instanceof Term.Scalar s) {
      errors.add(
          new RegoError(
              "rego_compile_error", "cannot assign to " + s.value().typeName(), left.location()));
    }
    if (left instanceof Term.Ref || left instanceof Term.Call) {
      errors.add(
          new RegoError("rego_parse_error", "cannot assign to " + kindName(left), left.location()));
    }
  }

  private static String kindName(Term t) {
    return t instanceof Term.Ref ? "ref" : "call";
  }

  /**
   * The target of {@code with}: a reference into {@code input} or {@code data}, or a {@link
   * Term.Var} carrying a builtin's dotted name.
   */
  private Term withTarget(Literal.With w) {
    Term t = w.target();
    String dotted = dottedName(t);
    if (dotted != null) {
      String head = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
      if (!head.equals("data")
          && !head.equals("input")
          && !aliases.containsKey(head)
          && !packageRules.contains(head)) {
        if (builtins.find(dotted).isEmpty()) {
          errors.add(
              new RegoError(
                  "rego_compile_error",
                  "with keyword replacing built-in function: target must be a built-in function"
                      + " or a function/rule reference",
                  w.location()));
        }
        return new Term.Var(dotted, t.location());
      }
    }
    Term r = term(t, new Scope(Map.of()));
    if (!(r instanceof Term.Ref ref)
        || !(ref.head() instanceof Term.Var v)
        || !(v.name().equals("data") || v.name().equals("input"))) {
      errors.add(
          new RegoError(
              "rego_type_error",
              "with keyword target must reference existing input, data, or a function",
              w.location()));
    }
    return r;
  }

  /** {@code a.b.c} as a dotted string, or null when the term is not a plain dotted name. */
  static String dottedName(Term t) {
    if (t instanceof Term.Var v) {
      return v.name();
    }
    if (t instanceof Term.Ref r && r.head() instanceof Term.Var v) {
      StringBuilder sb = new StringBuilder(v.name());
      for (Term p : r.path()) {
        if (!(p instanceof Term.Scalar s) || !(s.value() instanceof StringValue str)) {
          return null;
        }
        sb.append('.').append(str.value());
      }
      return sb.toString();
    }
    return null;
  }

  Term term(Term t, Scope scope) {
    if (t instanceof Term.Scalar s) {
      return s;
    } else if (t instanceof Term.Var v) {
      return var(v, scope);
    } else if (t instanceof Term.Ref r) {
      Term head = term(r.head(), scope);
      List<Term> path = new ArrayList<>();
      if (head instanceof Term.Ref hr) {
        path.addAll(hr.path());
        head = hr.head();
      }
      for (Term p : r.path()) {
        path.add(term(p, scope));
      }
      return new Term.Ref(head, path, r.location());
    } else if (t instanceof Term.ArrayTerm a) {
      return new Term.ArrayTerm(terms(a.items(), scope), a.location());
    } else if (t instanceof Term.SetTerm s) {
      return new Term.SetTerm(terms(s.items(), scope), s.location());
    } else if (t instanceof Term.ObjectTerm o) {
      List<Term.Entry> entries = new ArrayList<>();
      for (Term.Entry e : o.entries()) {
        entries.add(new Term.Entry(term(e.key(), scope), term(e.value(), scope)));
      }
      return new Term.ObjectTerm(entries, o.location());
    } else if (t instanceof Term.Call c) {
      return call(c, scope);
    } else if (t instanceof Term.ArrayCompr c) {
      Resolved r = body(c.body(), scope);
      return new Term.ArrayCompr(term(c.head(), r.scope()), r.body(), c.location());
    } else if (t instanceof Term.SetCompr c) {
      Resolved r = body(c.body(), scope);
      return new Term.SetCompr(term(c.head(), r.scope()), r.body(), c.location());
    } else if (t instanceof Term.ObjectCompr c) {
      Resolved r = body(c.body(), scope);
      return new Term.ObjectCompr(
          term(c.key(), r.scope()), term(c.value(), r.scope()), r.body(), c.location());
    } else {
      throw new IllegalStateException("unreachable");
    }
  }

  private List<Term> terms(List<Term> ts, Scope scope) {
    List<Term> out = new ArrayList<>(ts.size());
    for (Term t : ts) {
      out.add(term(t, scope));
    }
    return out;
  }

  private Term var(Term.Var v, Scope scope) {
    String name = v.name();
    if (scope.contains(name)) {
      String internal = scope.internal(name);
      return internal.equals(name) ? v : new Term.Var(internal, v.location());
    }
    if (v.generated()) {
      return v;
    }
    if (name.equals("data") || name.equals("input")) {
      return new Term.Ref(v, List.of(), v.location());
    }
    List<Value> alias = aliases.get(name);
    if (alias != null) {
      return refTo(alias, v.location());
    }
    if (packageRules.contains(name)) {
      List<Value> path = new ArrayList<>(pkgPath);
      path.add(StringValue.of(name));
      List<Value> full = new ArrayList<>();
      full.add(StringValue.of("data"));
      full.addAll(path);
      return refTo(full, v.location());
    }
    scope.usedUndeclared.add(name);
    return v;
  }

  private static Term.Ref refTo(List<Value> path, Location loc) {
    String root = ((StringValue) path.get(0)).value();
    List<Term> parts = new ArrayList<>();
    for (Value p : path.subList(1, path.size())) {
      parts.add(new Term.Scalar(p, loc));
    }
    return new Term.Ref(new Term.Var(root, loc), parts, loc);
  }

  private Term call(Term.Call c, Scope scope) {
    String name = c.name();
    String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    String rest = name.substring(head.length());
    String resolved = name;
    if (!scope.contains(head)) {
      List<Value> alias = aliases.get(head);
      if (alias != null) {
        resolved = dotted(alias) + rest;
      } else if (packageRules.contains(head)) {
        resolved = "data" + (pkgPath.isEmpty() ? "" : "." + dotted(pkgPath)) + "." + name;
      }
    }
    List<Term> args = terms(c.args(), scope);
    boolean known =
        INTERNAL.containsKey(resolved)
            || functions.containsKey(resolved)
            || builtins.find(resolved).isPresent();
    if (!known) {
      errors.add(new RegoError("rego_type_error", "undefined function " + resolved, c.location()));
    }
    // Argument counts are the type checker's: it reports them with the operands' types.
    return new Term.Call(resolved, args, c.location());
  }

  static String dotted(List<Value> path) {
    StringBuilder sb = new StringBuilder();
    for (Value p : path) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(p instanceof StringValue s ? s.value() : p.toJson());
    }
    return sb.toString();
  }
}
