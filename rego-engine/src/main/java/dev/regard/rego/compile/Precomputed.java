package dev.regard.rego.compile;

import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.builtins.Builtin;
import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts about the terms of a program's rules, worked out once at compile time so that evaluation
 * does not redo them on every use. Keyed by term identity (one lookup per term); never changed
 * after construction, so safe to share between threads.
 */
public final class Precomputed {
  /**
   * Where the constant prefix of a {@code data} reference leads: the node and base value reached
   * after {@code length} path terms. Either may be null when the path leaves the tree or the data.
   */
  public record Prefix(DocNode node, Value base, int length) {}

  /**
   * What a call's name denotes: a function, else a builtin; neither for the internal membership
   * operators and for unknown names. {@code arity} counts the inputs, without an output argument.
   */
  public record Callee(RuleGroup function, Builtin builtin, int arity) {}

  /**
   * What is known about one term; components that do not apply are null.
   *
   * @param prefix of a {@code data} reference
   * @param callee of a call
   * @param memberSet for {@code x in data.p} where {@code p} is a partial set that can be tested
   *     for one element
   * @param constant the value of an array, set or object literal made only of constants
   * @param singleVars for a reference or call that has at most one value, computable without
   *     iteration, once these variables are bound (while no {@code with} replaces data or
   *     functions): references into {@code input} or a variable's value, and into {@code data} down
   *     to a rule or out of the rule tree through constant keys and then walking a value, whose
   *     keys are constants, variables or such terms; calls of such terms to functions and builtins
   *     that are not relations, without an output argument; array, set and object literals of such
   *     terms
   */
  public record Facts(
      Prefix prefix,
      Callee callee,
      RuleGroup memberSet,
      Value constant,
      List<Term.Var> singleVars) {}

  /**
   * A test a rule's body starts with, {@code input.a.b == "c"}: where the input has not that value
   * there, the body fails at once, so it need not be entered (OPA's rule indexing).
   *
   * @param path the constant string keys below {@code input}
   * @param value the string the input must hold there
   * @param pathAsPrevious whether the previous guard of the group's rules reads the same path
   */
  public record Guard(List<Value> path, Value value, boolean pathAsPrevious) {
    /**
     * The input's value at the path (null when there is none, or no input), given the value the
     * previous guard of the group read: guards of one path read the input once.
     */
    public Value at(Value input, Value previous) {
      if (pathAsPrevious) {
        return previous;
      }
      Value v = input;
      for (int i = 0; v != null && i < path.size(); i++) {
        Value key = path.get(i);
        v =
            v instanceof ObjectValue o
                ? o.get(key)
                : v instanceof SetValue set && set.contains(key) ? key : null;
      }
      return v;
    }

    /** Whether the body certainly fails where the input holds {@code at} (see {@link #at}). */
    public boolean excludes(Value at) {
      return at == null || !at.equals(value);
    }
  }

  private final Map<Term, Facts> facts = new IdentityHashMap<>();
  private Guard[][] guards = new Guard[0][]; // by group index
  private final DocNode root;
  private final Value data;
  private final Map<String, RuleGroup> functions;
  private final BuiltinRegistry builtins;

  private Precomputed(
      DocNode root, Value data, Map<String, RuleGroup> functions, BuiltinRegistry builtins) {
    this.root = root;
    this.data = data;
    this.functions = functions;
    this.builtins = builtins;
  }

  static Precomputed of(
      DocNode root,
      Value data,
      Map<String, RuleGroup> functions,
      BuiltinRegistry builtins,
      Iterable<RuleGroup> groups) {
    Precomputed p = new Precomputed(root, data, functions, builtins);
    for (RuleGroup g : groups) {
      for (CompiledRule r : g.rules()) {
        p.rule(r);
      }
      if (g.defaultRule() != null) {
        p.rule(g.defaultRule());
      }
      p.indexGuards(g);
    }
    return p;
  }

  private void indexGuards(RuleGroup g) {
    Guard[] found = new Guard[g.rules().size()];
    Guard previous = null;
    for (int i = 0; i < found.length; i++) {
      CompiledRule r = g.rules().get(i);
      Guard guard = r.elseRule() == null && !r.body().isEmpty() ? guard(r.body().get(0)) : null;
      if (guard != null) {
        found[i] =
            new Guard(
                guard.path(),
                guard.value(),
                previous != null && previous.path().equals(guard.path()));
        previous = guard;
      }
    }
    boolean any = previous != null;
    if (any && found.length > 1) {
      if (g.index() >= guards.length) {
        guards = Arrays.copyOf(guards, g.index() + 1);
      }
      guards[g.index()] = found;
    }
  }

  private static Guard guard(Literal l) {
    if (l.negated()
        || !l.withs().isEmpty()
        || !(l.stmt() instanceof Stmt.TermStmt t)
        || !(t.term() instanceof Term.Call c)
        || !c.name().equals("equal")
        || c.args().size() != 2) {
      return null;
    }
    Guard g = guard(c.args().get(0), c.args().get(1));
    return g != null ? g : guard(c.args().get(1), c.args().get(0));
  }

  private static Guard guard(Term ref, Term constant) {
    if (!(ref instanceof Term.Ref r)
        || !(r.head() instanceof Term.Var v)
        || !v.name().equals("input")
        || !(constant instanceof Term.Scalar s)
        || !(s.value() instanceof StringValue)) {
      return null;
    }
    List<Value> path = new ArrayList<>();
    for (Term p : r.path()) {
      if (!(p instanceof Term.Scalar key) || !(key.value() instanceof StringValue)) {
        return null;
      }
      path.add(key.value());
    }
    return new Guard(List.copyOf(path), s.value(), false);
  }

  /**
   * The guards of a group's rules, aligned with them (null for a rule without one), or null when
   * none has one.
   */
  public Guard[] guards(RuleGroup g) {
    return g.index() < guards.length ? guards[g.index()] : null;
  }

  /** What is known about a term of a compiled rule, or null (always for other terms). */
  public Facts facts(Term t) {
    return facts.get(t);
  }

  /** What a call name denotes among the given functions and builtins. */
  public static Callee callee(
      String name, Map<String, RuleGroup> functions, BuiltinRegistry builtins) {
    Integer internal = Resolver.INTERNAL.get(name);
    if (internal != null) {
      return new Callee(null, null, internal);
    }
    RuleGroup function = functions.get(name);
    if (function != null) {
      return new Callee(function, null, function.arity());
    }
    Builtin builtin = builtins.find(name).orElse(null);
    return new Callee(null, builtin, builtin == null ? 0 : builtin.arity());
  }

  /**
   * Follows constant keys from the root while the evaluator would merely descend into the tree and
   * the data side by side: it stops at a node with rules, at the first non-constant key, when the
   * tree is left (the rest is a walk in a value) and at base data that is not an object.
   */
  private Prefix resolve(List<Term> path) {
    DocNode node = root;
    Value base = data;
    int i = 0;
    while (i < path.size()
        && path.get(i) instanceof Term.Scalar s
        && node != null
        && node.group() == null
        && (base == null || base instanceof ObjectValue)) {
      node = node.child(s.value());
      base = base == null ? null : baseChild((ObjectValue) base, s.value());
      i++;
    }
    return new Prefix(node, base, i);
  }

  /** Base documents are addressed by strings, so a number key also finds its decimal string. */
  private static Value baseChild(ObjectValue base, Value key) {
    Value v = base.get(key);
    if (v == null && key instanceof NumberValue n) {
      v = base.get(StringValue.of(n.toString()));
    }
    return v;
  }

  /** The partial set a {@code data} reference names through constant keys, or null. */
  private RuleGroup memberSet(Term t) {
    if (!(t instanceof Term.Ref r)
        || !(r.head() instanceof Term.Var v)
        || !v.name().equals("data")) {
      return null;
    }
    DocNode node = root;
    for (Term p : r.path()) {
      if (!(p instanceof Term.Scalar s) || (node = node.child(s.value())) == null) {
        return null;
      }
    }
    return node.keyed() && node.group().kind() == RuleGroup.Kind.MULTI ? node.group() : null;
  }

  private List<Term.Var> shape(Term t) {
    if (t instanceof Term.Scalar) {
      return List.of();
    } else if (t instanceof Term.Var v) {
      return List.of(v);
    } else {
      Facts f = facts.get(t);
      return f == null ? null : f.constant() != null ? List.of() : f.singleVars();
    }
  }

  /** The union of the shapes of terms from {@code from} on, or null when one is not single. */
  private List<Term.Var> shapes(List<Term> terms, int from) {
    List<Term.Var> vars = new ArrayList<>();
    for (int i = from; i < terms.size(); i++) {
      List<Term.Var> s = shape(terms.get(i));
      if (s == null) {
        return null;
      }
      vars.addAll(s);
    }
    return List.copyOf(vars);
  }

  private List<Term.Var> refShape(Term.Ref r, Prefix prefix) {
    if (prefix == null) {
      // A reference into the input, or into the value of a local variable.
      if (!(r.head() instanceof Term.Var v)) {
        return null;
      }
      List<Term.Var> path = shapes(r.path(), 0);
      if (path == null || v.name().equals("input")) {
        return path;
      }
      List<Term.Var> vars = new ArrayList<>(path.size() + 1);
      vars.add(v);
      vars.addAll(path);
      return List.copyOf(vars);
    }
    DocNode node = prefix.node();
    if (prefix.length() < r.path().size()
        && node != null
        && (node.group() == null || node.keyed())) {
      return null; // the evaluator would go on through the rule tree or look up a key
    }
    return shapes(r.path(), prefix.length());
  }

  private List<Term.Var> callShape(Term.Call c, Callee callee) {
    if (c.args().size() != callee.arity()
        || (callee.builtin() != null && callee.builtin().relation())) {
      return null;
    }
    return shapes(c.args(), 0);
  }

  private void rule(CompiledRule r) {
    r.keyPath().forEach(this::term);
    if (r.args() != null) {
      r.args().forEach(this::term);
    }
    term(r.key());
    term(r.value());
    body(r.body());
    if (r.elseRule() != null) {
      rule(r.elseRule());
    }
  }

  private void body(List<Literal> body) {
    for (Literal l : body) {
      stmt(l.stmt());
      for (Literal.With w : l.withs()) {
        term(w.target());
        term(w.value());
      }
    }
  }

  private void stmt(Stmt s) {
    if (s instanceof Stmt.TermStmt t) {
      term(t.term());
    } else if (s instanceof Stmt.Unify u) {
      term(u.left());
      term(u.right());
    } else if (s instanceof Stmt.Assign a) {
      term(a.left());
      term(a.right());
    } else if (s instanceof Stmt.SomeIn si) {
      term(si.key());
      term(si.value());
      term(si.collection());
    } else if (s instanceof Stmt.Every e) {
      term(e.key());
      term(e.value());
      term(e.domain());
      body(e.body());
    }
  }

  /** Records the facts of a term after those of its parts, which its own are made of. */
  private void term(Term t) {
    if (t instanceof Term.Ref r) {
      boolean isData = r.head() instanceof Term.Var v && v.name().equals("data");
      if (!isData) {
        term(r.head());
      }
      r.path().forEach(this::term);
      Prefix prefix = isData ? resolve(r.path()) : null;
      facts.put(r, new Facts(prefix, null, null, null, refShape(r, prefix)));
    } else if (t instanceof Term.Call c) {
      c.args().forEach(this::term);
      Callee callee = callee(c.name(), functions, builtins);
      RuleGroup memberSet =
          c.name().equals("internal.member_2") && c.args().size() == 2
              ? memberSet(c.args().get(1))
              : null;
      facts.put(c, new Facts(null, callee, memberSet, null, callShape(c, callee)));
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(this::term);
      constant(t);
    } else if (t instanceof Term.SetTerm s) {
      s.items().forEach(this::term);
      constant(t);
    } else if (t instanceof Term.ObjectTerm o) {
      for (Term.Entry e : o.entries()) {
        term(e.key());
        term(e.value());
      }
      constant(t);
    } else if (t instanceof Term.ArrayCompr c) {
      term(c.head());
      body(c.body());
    } else if (t instanceof Term.SetCompr c) {
      term(c.head());
      body(c.body());
    } else if (t instanceof Term.ObjectCompr c) {
      term(c.key());
      term(c.value());
      body(c.body());
    }
  }

  /** A literal's constant value, else the shape of its parts when each has at most one value. */
  private void constant(Term t) {
    Value v = Ground.value(t);
    if (v != null) {
      facts.put(t, new Facts(null, null, null, v, null));
      return;
    }
    List<Term> parts;
    if (t instanceof Term.ArrayTerm a) {
      parts = a.items();
    } else if (t instanceof Term.SetTerm s) {
      parts = s.items();
    } else {
      parts = new ArrayList<>();
      for (Term.Entry e : ((Term.ObjectTerm) t).entries()) {
        parts.add(e.key());
        parts.add(e.value());
      }
    }
    List<Term.Var> shape = shapes(parts, 0);
    if (shape != null) {
      facts.put(t, new Facts(null, null, null, null, shape));
    }
  }
}
