package dev.regard.rego.eval;

import dev.regard.rego.RegoException;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.builtins.Builtin;
import dev.regard.rego.builtins.BuiltinContext;
import dev.regard.rego.builtins.BuiltinException;
import dev.regard.rego.compile.CompiledRule;
import dev.regard.rego.compile.DocNode;
import dev.regard.rego.compile.Program;
import dev.regard.rego.compile.RuleGroup;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates one query top-down with backtracking. Every step takes a continuation that is called
 * once per solution; a continuation returns {@code true} to stop the search. One instance serves
 * one query on one thread: it holds the input, the virtual-document cache, the query's clock and
 * its step budget.
 */
public final class Evaluator implements BuiltinContext {
  /** A continuation after a body or statement succeeded. */
  @FunctionalInterface
  interface Cont {
    boolean run();
  }

  /** A continuation receiving one value of a term. */
  @FunctionalInterface
  interface ValueCont {
    boolean accept(Value v);
  }

  private static final int DEADLINE_CHECK_INTERVAL = 1024;
  private static final int MAX_DEPTH = 2_000;
  private static final Value UNDEFINED = StringValue.of("\u0000undefined");

  private final Program program;
  private final long nowNs;
  private final long deadlineNanos;
  private final long maxSteps;
  private final boolean strict;
  private long steps;
  private int depth;

  // State changed by `with`; saved and restored around the modified expression.
  private Value input;
  private DataOverride dataOverride;
  private Map<String, Term> mocks = Map.of();
  private Map<Object, Value> cache = new IdentityHashMap<>();
  private Map<KeyedDoc, Value> keyedCache = new HashMap<>();

  public Evaluator(
      Program program, Value input, long nowNs, long deadlineNanos, long maxSteps, boolean strict) {
    this.program = program;
    this.input = input;
    this.nowNs = nowNs;
    this.deadlineNanos = deadlineNanos;
    this.maxSteps = maxSteps;
    this.strict = strict;
  }

  // ------------------------------------------------------------------ public entry points

  /** Every solution of a compiled query, as bindings of its named variables. */
  public List<Map<String, Value>> query(Program.Query q) {
    List<Map<String, Value>> out = new ArrayList<>();
    Bindings b = new Bindings();
    guard(
        () ->
            evalBody(
                q.body(),
                0,
                b,
                () -> {
                  Map<String, Value> row = new LinkedHashMap<>();
                  q.vars()
                      .forEach(
                          (name, internal) -> {
                            Value val = b.get(internal);
                            if (val != null) {
                              row.put(name, val);
                            }
                          });
                  out.add(row);
                  return false;
                }));
    return out;
  }

  /** The value of a document under {@code data}, or null when undefined. */
  public Value document(List<Value> path) {
    Value[] result = new Value[1];
    List<Term> terms = new ArrayList<>(path.size());
    for (Value p : path) {
      terms.add(new Term.Scalar(p, null));
    }
    Bindings b = new Bindings();
    guard(
        () ->
            evalData(
                terms,
                b,
                v -> {
                  result[0] = v;
                  return true;
                }));
    return result[0];
  }

  private void guard(Cont run) {
    try {
      run.run();
    } catch (StackOverflowError e) {
      throw new RegoException(
          "eval_cancel_error", "evaluation exceeded the maximum nesting depth", null);
    }
  }

  // ------------------------------------------------------------------ BuiltinContext

  @Override
  public long timeNowNs() {
    return nowNs;
  }

  @Override
  public void charge(long n) {
    if (n < 0 || n > maxSteps - steps) {
      throw new RegoException(
          "eval_cancel_error", "evaluation exceeded the step limit of " + maxSteps, null);
    }
    steps += n;
    if ((steps & (DEADLINE_CHECK_INTERVAL - 1)) < n && System.nanoTime() - deadlineNanos > 0) {
      throw new RegoException("eval_cancel_error", "evaluation exceeded its deadline", null);
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      depth = 0;
      throw new RegoException(
          "eval_cancel_error", "evaluation exceeded the maximum nesting depth", null);
    }
  }

  // ------------------------------------------------------------------ bodies

  boolean evalBody(List<Literal> body, int i, Bindings b, Cont k) {
    if (i == body.size()) {
      return k.run();
    }
    charge(1);
    enter();
    try {
      return evalLiteral(body.get(i), b, () -> evalBody(body, i + 1, b, k));
    } finally {
      depth--;
    }
  }

  private boolean evalLiteral(Literal l, Bindings b, Cont k) {
    if (!l.withs().isEmpty()) {
      return evalWith(l, b, k);
    }
    return evalPlain(l, b, k);
  }

  private boolean evalPlain(Literal l, Bindings b, Cont k) {
    if (l.negated()) {
      int mark = b.mark();
      boolean[] found = {false};
      evalStmt(
          l.stmt(),
          b,
          () -> {
            found[0] = true;
            return true;
          });
      b.undo(mark);
      return !found[0] && k.run();
    }
    return evalStmt(l.stmt(), b, k);
  }

  private boolean evalStmt(Stmt s, Bindings b, Cont k) {
    if (s instanceof Stmt.TermStmt t) {
      return evalTerm(t.term(), b, v -> !v.equals(BooleanValue.FALSE) && k.run());
    } else if (s instanceof Stmt.Unify u) {
      return unify(u.left(), u.right(), b, k);
    } else if (s instanceof Stmt.Assign a) {
      return unify(a.left(), a.right(), b, k);
    } else if (s instanceof Stmt.SomeDecl d) {
      return k.run();
    } else if (s instanceof Stmt.SomeIn si) {
      return evalTerm(si.collection(), b, coll -> someIn(si, coll, b, k));
    } else if (s instanceof Stmt.Every e) {
      return evalEvery(e, b, k);
    } else {
      throw new IllegalStateException("unreachable");
    }
  }

  private boolean someIn(Stmt.SomeIn si, Value coll, Bindings b, Cont k) {
    Term keyTerm = si.key() != null ? si.key() : coll instanceof SetValue ? si.value() : null;
    if (keyTerm != null && isBound(keyTerm, b)) {
      // A known key is looked up rather than searched for.
      Value key = b.get(((Term.Var) keyTerm).name());
      Value val = index(coll, key);
      return val != null && match(si.value(), val, b, k);
    }
    return forEach(
        coll,
        (key, val) ->
            si.key() == null
                ? match(si.value(), val, b, k)
                : match(si.key(), key, b, () -> match(si.value(), val, b, k)));
  }

  private static boolean isBound(Term t, Bindings b) {
    return t instanceof Term.Var v && b.get(v.name()) != null;
  }

  private boolean evalEvery(Stmt.Every e, Bindings b, Cont k) {
    return evalTerm(
        e.domain(),
        b,
        dom -> {
          boolean[] allTrue = {true};
          forEach(
              dom,
              (key, val) -> {
                int mark = b.mark();
                boolean[] found = {false};
                Cont body =
                    () ->
                        evalBody(
                            e.body(),
                            0,
                            b,
                            () -> {
                              found[0] = true;
                              return true;
                            });
                if (e.key() != null) {
                  match(e.key(), key, b, () -> match(e.value(), val, b, body));
                } else {
                  match(e.value(), val, b, body);
                }
                b.undo(mark);
                if (!found[0]) {
                  allTrue[0] = false;
                  return true;
                }
                return false;
              });
          return allTrue[0] && k.run();
        });
  }

  /** Calls {@code f} with each key and value of a collection until it returns true. */
  private boolean forEach(Value coll, KeyValueCont f) {
    if (coll instanceof ArrayValue a) {
      for (int i = 0; i < a.size(); i++) {
        charge(1);
        if (f.accept(NumberValue.of(i), a.get(i))) {
          return true;
        }
      }
    } else if (coll instanceof ObjectValue o) {
      for (int i = 0; i < o.size(); i++) {
        charge(1);
        if (f.accept(o.keyAt(i), o.valueAt(i))) {
          return true;
        }
      }
    } else if (coll instanceof SetValue s) {
      for (Value v : s.elements()) {
        charge(1);
        if (f.accept(v, v)) {
          return true;
        }
      }
    }
    return false;
  }

  @FunctionalInterface
  interface KeyValueCont {
    boolean accept(Value key, Value value);
  }

  // ------------------------------------------------------------------ with

  private record State(
      Value input,
      DataOverride data,
      Map<String, Term> mocks,
      Map<Object, Value> cache,
      Map<KeyedDoc, Value> keyedCache) {}

  private State save() {
    return new State(input, dataOverride, mocks, cache, keyedCache);
  }

  private void restore(State s) {
    input = s.input();
    dataOverride = s.data();
    mocks = s.mocks();
    cache = s.cache();
    keyedCache = s.keyedCache();
  }

  private boolean evalWith(Literal l, Bindings b, Cont k) {
    List<Value> values = new ArrayList<>();
    return withValues(l, 0, values, b, () -> applyWith(l, values, b, k));
  }

  /** Evaluates the {@code with} values (function replacements are taken as written). */
  private boolean withValues(Literal l, int i, List<Value> out, Bindings b, Cont k) {
    if (i == l.withs().size()) {
      return k.run();
    }
    Literal.With w = l.withs().get(i);
    if (isFunctionTarget(w.target()) && functionReplacement(w.value(), b) != null) {
      out.add(null);
      boolean r = withValues(l, i + 1, out, b, k);
      out.remove(out.size() - 1);
      return r;
    }
    return evalTerm(
        w.value(),
        b,
        v -> {
          out.add(v);
          boolean r = withValues(l, i + 1, out, b, k);
          out.remove(out.size() - 1);
          return r;
        });
  }

  private boolean applyWith(Literal l, List<Value> values, Bindings b, Cont k) {
    State outer = save();
    Map<String, Term> newMocks = null;
    for (int i = 0; i < l.withs().size(); i++) {
      Literal.With w = l.withs().get(i);
      Value v = values.get(i);
      if (isFunctionTarget(w.target())) {
        if (newMocks == null) {
          newMocks = new HashMap<>(mocks);
        }
        String name = functionName(w.target());
        Term replacement = v == null ? functionReplacement(w.value(), b) : new Term.Scalar(v, null);
        newMocks.put(name, replacement);
        continue;
      }
      Term.Ref ref = (Term.Ref) w.target();
      List<Value> path = groundPath(ref, b);
      if (path == null) {
        restore(outer);
        return false;
      }
      if (((Term.Var) ref.head()).name().equals("input")) {
        input = path.isEmpty() ? v : put(input, path, 0, v);
      } else {
        dataOverride = DataOverride.with(dataOverride, path, v);
      }
    }
    if (newMocks != null) {
      mocks = newMocks;
    }
    cache = new IdentityHashMap<>();
    keyedCache = new HashMap<>();
    try {
      return evalPlain(
          l,
          b,
          () -> {
            State here = save();
            restore(outer);
            try {
              return k.run();
            } finally {
              restore(here);
            }
          });
    } finally {
      restore(outer);
    }
  }

  private boolean isFunctionTarget(Term target) {
    if (target instanceof Term.Var) {
      return true; // a builtin
    }
    String name = functionName(target);
    return name != null && program.functions().containsKey(name);
  }

  /** The full name of a function or builtin a {@code with} target denotes, or null. */
  private static String functionName(Term target) {
    if (target instanceof Term.Var v) {
      return v.name();
    }
    if (target instanceof Term.Ref r && r.head() instanceof Term.Var v) {
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

  /** A function or builtin named by a {@code with} value, or null when it names neither. */
  private Term functionReplacement(Term value, Bindings b) {
    if (value instanceof Term.Call c && c.args().isEmpty()) {
      return new Term.Var(c.name(), c.location());
    }
    if (value instanceof Term.Var v
        && b.get(v.name()) == null
        && program.builtins().find(v.name()).isPresent()) {
      return v;
    }
    if (value instanceof Term.Ref) {
      String name = functionName(value);
      if (name != null && program.functions().containsKey(name)) {
        return new Term.Var(name, value.location());
      }
      if (name != null && program.builtins().find(name).isPresent()) {
        return new Term.Var(name, value.location());
      }
    }
    return null;
  }

  private List<Value> groundPath(Term.Ref ref, Bindings b) {
    List<Value> out = new ArrayList<>();
    for (Term p : ref.path()) {
      Value[] v = new Value[1];
      evalTerm(
          p,
          b,
          x -> {
            v[0] = x;
            return true;
          });
      if (v[0] == null) {
        return null;
      }
      out.add(v[0]);
    }
    return out;
  }

  /** {@code base} with {@code value} placed at {@code path}, creating objects on the way. */
  static Value put(Value base, List<Value> path, int i, Value value) {
    if (i == path.size()) {
      return value;
    }
    ObjectValue obj = base instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    Value child = obj.get(path.get(i));
    return obj.with(path.get(i), put(child, path, i + 1, value));
  }

  // ------------------------------------------------------------------ unification

  private boolean isUnboundVar(Term t, Bindings b) {
    return t instanceof Term.Var v && b.get(v.name()) == null;
  }

  boolean unify(Term a, Term c, Bindings b, Cont k) {
    if (isUnboundVar(a, b)) {
      return evalTerm(c, b, v -> match(a, v, b, k));
    }
    if (isUnboundVar(c, b)) {
      return evalTerm(a, b, v -> match(c, v, b, k));
    }
    if (a instanceof Term.ArrayTerm x && c instanceof Term.ArrayTerm y) {
      if (x.items().size() != y.items().size()) {
        return false;
      }
      return unifyAll(x.items(), y.items(), 0, b, k);
    }
    if (a instanceof Term.ObjectTerm x
        && c instanceof Term.ObjectTerm y
        && hasUnbound(a, b)
        && hasUnbound(c, b)) {
      return unifyObjects(x, y, b, k);
    }
    if (hasUnbound(a, b)) {
      return evalTerm(c, b, v -> match(a, v, b, k));
    }
    return evalTerm(a, b, v -> match(c, v, b, k));
  }

  private boolean unifyAll(List<Term> xs, List<Term> ys, int i, Bindings b, Cont k) {
    if (i == xs.size()) {
      return k.run();
    }
    // Unify pairs whose sides are already known first, so that later pairs see their bindings.
    return unify(xs.get(i), ys.get(i), b, () -> unifyAll(xs, ys, i + 1, b, k));
  }

  private boolean unifyObjects(Term.ObjectTerm x, Term.ObjectTerm y, Bindings b, Cont k) {
    if (x.entries().size() != y.entries().size()) {
      return false;
    }
    Map<Value, Term> left = new TreeMap<>();
    Map<Value, Term> right = new TreeMap<>();
    for (Term.Entry e : x.entries()) {
      Value key = single(e.key(), b);
      if (key == null) {
        return false;
      }
      left.put(key, e.value());
    }
    for (Term.Entry e : y.entries()) {
      Value key = single(e.key(), b);
      if (key == null) {
        return false;
      }
      right.put(key, e.value());
    }
    if (!left.keySet().equals(right.keySet())) {
      return false;
    }
    List<Term> ls = new ArrayList<>(left.values());
    List<Term> rs = new ArrayList<>();
    left.keySet().forEach(key -> rs.add(right.get(key)));
    return unifyAll(ls, rs, 0, b, k);
  }

  private Value single(Term t, Bindings b) {
    Value[] out = new Value[1];
    evalTerm(
        t,
        b,
        v -> {
          out[0] = v;
          return true;
        });
    return out[0];
  }

  /** Whether a term has unbound variables at pattern positions. */
  private boolean hasUnbound(Term t, Bindings b) {
    if (t instanceof Term.Var v) {
      return b.get(v.name()) == null;
    } else if (t instanceof Term.ArrayTerm a) {
      return a.items().stream().anyMatch(i -> hasUnbound(i, b));
    } else if (t instanceof Term.ObjectTerm o) {
      return o.entries().stream().anyMatch(e -> hasUnbound(e.value(), b));
    } else {
      return false;
    }
  }

  /** Matches a term, possibly with unbound variables, against a value. */
  boolean match(Term pattern, Value v, Bindings b, Cont k) {
    if (pattern instanceof Term.Var var) {
      Value bound = b.get(var.name());
      if (bound != null) {
        return bound.equals(v) && k.run();
      }
      int mark = b.mark();
      b.bind(var.name(), v);
      try {
        return k.run();
      } finally {
        b.undo(mark);
      }
    } else if (pattern instanceof Term.Scalar s) {
      return s.value().equals(v) && k.run();
    } else if (pattern instanceof Term.ArrayTerm a) {
      if (!(v instanceof ArrayValue arr) || arr.size() != a.items().size()) {
        return false;
      }
      return matchItems(a.items(), arr, 0, b, k);
    } else if (pattern instanceof Term.ObjectTerm o && (hasUnbound(o, b))) {
      if (!(v instanceof ObjectValue obj) || obj.size() != o.entries().size()) {
        return false;
      }
      return matchEntries(o.entries(), obj, 0, b, k);
    } else {
      return evalTerm(pattern, b, pv -> pv.equals(v) && k.run());
    }
  }

  private boolean matchItems(List<Term> items, ArrayValue arr, int i, Bindings b, Cont k) {
    if (i == items.size()) {
      return k.run();
    }
    return match(items.get(i), arr.get(i), b, () -> matchItems(items, arr, i + 1, b, k));
  }

  private boolean matchEntries(List<Term.Entry> es, ObjectValue obj, int i, Bindings b, Cont k) {
    if (i == es.size()) {
      return k.run();
    }
    Term.Entry e = es.get(i);
    return evalTerm(
        e.key(),
        b,
        key -> {
          Value val = obj.get(key);
          return val != null && match(e.value(), val, b, () -> matchEntries(es, obj, i + 1, b, k));
        });
  }

  // ------------------------------------------------------------------ terms

  boolean evalTerm(Term t, Bindings b, ValueCont k) {
    if (t instanceof Term.Scalar s) {
      return k.accept(s.value());
    } else if (t instanceof Term.Var v) {
      Value val = b.get(v.name());
      if (val == null) {
        throw new RegoException(
            "rego_unsafe_var_error",
            "var " + (v.generated() ? "_" : v.name().replaceFirst("(.)\\$.*", "$1")) + " is unsafe",
            v.location());
      }
      return k.accept(val);
    } else if (t instanceof Term.Ref r) {
      return evalRef(r, b, k);
    } else if (t instanceof Term.ArrayTerm a) {
      return evalItems(
          a.items(), 0, new Value[a.items().size()], b, vals -> k.accept(ArrayValue.of(vals)));
    } else if (t instanceof Term.SetTerm s) {
      return evalItems(
          s.items(), 0, new Value[s.items().size()], b, vals -> k.accept(SetValue.of(vals)));
    } else if (t instanceof Term.ObjectTerm o) {
      List<Term> flat = new ArrayList<>(o.entries().size() * 2);
      for (Term.Entry e : o.entries()) {
        flat.add(e.key());
        flat.add(e.value());
      }
      return evalItems(
          flat,
          0,
          new Value[flat.size()],
          b,
          vals -> {
            ObjectValue.Builder ob = ObjectValue.builder();
            for (int i = 0; i < vals.length; i += 2) {
              ob.put(vals[i], vals[i + 1]);
            }
            return k.accept(ob.build());
          });
    } else if (t instanceof Term.Call c) {
      return evalCall(c, b, k);
    } else if (t instanceof Term.ArrayCompr c) {
      List<Value> out = new ArrayList<>();
      int mark = b.mark();
      evalBody(
          c.body(),
          0,
          b,
          () ->
              evalTerm(
                  c.head(),
                  b,
                  v -> {
                    charge(1);
                    out.add(v);
                    return false;
                  }));
      b.undo(mark);
      return k.accept(ArrayValue.of(out));
    } else if (t instanceof Term.SetCompr c) {
      List<Value> out = new ArrayList<>();
      int mark = b.mark();
      evalBody(
          c.body(),
          0,
          b,
          () ->
              evalTerm(
                  c.head(),
                  b,
                  v -> {
                    charge(1);
                    out.add(v);
                    return false;
                  }));
      b.undo(mark);
      return k.accept(SetValue.of(out));
    } else if (t instanceof Term.ObjectCompr c) {
      Map<Value, Value> out = new HashMap<>();
      int mark = b.mark();
      evalBody(
          c.body(),
          0,
          b,
          () ->
              evalTerm(
                  c.key(),
                  b,
                  key ->
                      evalTerm(
                          c.value(),
                          b,
                          val -> {
                            charge(1);
                            Value prev = out.putIfAbsent(key, val);
                            if (prev != null && !prev.equals(val)) {
                              throw conflict("object keys must be unique", c.location());
                            }
                            return false;
                          })));
      b.undo(mark);
      return k.accept(ObjectValue.of(out));
    }
    throw new IllegalStateException("unknown term " + t);
  }

  @FunctionalInterface
  interface ValuesCont {
    boolean accept(Value[] values);
  }

  private boolean evalItems(List<Term> items, int i, Value[] acc, Bindings b, ValuesCont k) {
    if (i == items.size()) {
      return k.accept(acc.clone());
    }
    return evalTerm(
        items.get(i),
        b,
        v -> {
          acc[i] = v;
          return evalItems(items, i + 1, acc, b, k);
        });
  }

  // ------------------------------------------------------------------ references

  private boolean evalRef(Term.Ref r, Bindings b, ValueCont k) {
    if (r.head() instanceof Term.Var v) {
      if (v.name().equals("data")) {
        return evalData(r.path(), b, k);
      }
      if (v.name().equals("input")) {
        return input != null && walk(input, r.path(), 0, b, k);
      }
    }
    return evalTerm(r.head(), b, hv -> walk(hv, r.path(), 0, b, k));
  }

  /** Follows reference path terms into a value, iterating over unbound keys. */
  private boolean walk(Value v, List<Term> path, int i, Bindings b, ValueCont k) {
    if (i == path.size()) {
      return k.accept(v);
    }
    charge(1);
    Term p = path.get(i);
    if (hasUnbound(p, b)) {
      return forEach(v, (key, val) -> match(p, key, b, () -> walk(val, path, i + 1, b, k)));
    }
    return evalTerm(
        p,
        b,
        key -> {
          Value child = index(v, key);
          return child != null && walk(child, path, i + 1, b, k);
        });
  }

  /** Base documents are addressed by strings, so a number key also finds its decimal string. */
  private static Value indexBase(Value base, Value key) {
    Value v = index(base, key);
    if (v == null && key instanceof NumberValue n && base instanceof ObjectValue o) {
      v = o.get(StringValue.of(n.toString()));
    }
    return v;
  }

  static Value index(Value v, Value key) {
    if (v instanceof ObjectValue o) {
      return o.get(key);
    } else if (v instanceof ArrayValue a) {
      if (key instanceof NumberValue n && n.isInteger() && n.fitsLong()) {
        long i = n.longValue();
        return i >= 0 && i < a.size() ? a.get((int) i) : null;
      }
      return null;
    } else if (v instanceof SetValue s) {
      return s.contains(key) ? key : null;
    } else {
      return null;
    }
  }

  private boolean evalData(List<Term> path, Bindings b, ValueCont k) {
    return walkNode(program.root(), program.data(), dataOverride, path, 0, b, k);
  }

  /**
   * Follows a data reference through the rule tree and the base data side by side; at a node with
   * rules the document is computed and the rest of the path walked in its value.
   */
  private boolean walkNode(
      DocNode node, Value base, DataOverride ov, List<Term> path, int i, Bindings b, ValueCont k) {
    if (ov != null && ov.value() != null) {
      return walk(ov.value(), path, i, b, k);
    }
    if (node == null && ov == null && (base == null || i == path.size())) {
      return base != null && walk(base, path, i, b, k);
    }
    if (ov == null
        && node != null
        && isKeyed(node)
        && i < path.size()
        && !hasUnbound(path.get(i), b)) {
      RuleGroup g = node.group();
      return evalTerm(
          path.get(i),
          b,
          key -> {
            Value v = keyedValue(g, key);
            return v != null && walk(v, path, i + 1, b, k);
          });
    }
    if (node != null && node.group() != null || i == path.size()) {
      Value v = materialize(node, base, ov);
      return v != null && walk(v, path, i, b, k);
    }
    charge(1);
    Term p = path.get(i);
    if (hasUnbound(p, b)) {
      Value all = materialize(node, base, ov);
      return all != null && walk(all, path, i, b, k);
    }
    return evalTerm(
        p,
        b,
        key ->
            walkNode(
                node == null ? null : node.child(key),
                base == null ? null : indexBase(base, key),
                ov == null ? null : ov.child(key),
                path,
                i + 1,
                b,
                k));
  }

  /** The full value of the document at a node: base data, rule values and overrides merged. */
  private Value materialize(DocNode node, Value base, DataOverride ov) {
    if (ov != null && ov.value() != null) {
      return ov.value();
    }
    Value result;
    if (node == null) {
      result = base;
    } else if (node.group() != null) {
      if (node.group().kind() == RuleGroup.Kind.FUNCTION) {
        return null;
      }
      result = groupValue(node.group());
      if (!node.children().isEmpty() && result instanceof ObjectValue obj) {
        ObjectValue.Builder ob = obj.toBuilder();
        for (Map.Entry<Value, DocNode> c : node.children().entrySet()) {
          Value cv = materialize(c.getValue(), null, null);
          if (cv == null) {
            continue;
          }
          Value existing = ob.get(c.getKey());
          if (existing != null && !existing.equals(cv)) {
            throw conflict("object keys must be unique", null);
          }
          ob.put(c.getKey(), cv);
        }
        result = ob.build();
      }
    } else {
      ObjectValue.Builder ob =
          base instanceof ObjectValue o ? o.toBuilder() : ObjectValue.builder();
      for (Map.Entry<Value, DocNode> c : node.children().entrySet()) {
        Value cv =
            materialize(
                c.getValue(),
                base == null ? null : index(base, c.getKey()),
                ov == null ? null : ov.child(c.getKey()));
        // Base data wins over a rule defining the same key, as in OPA.
        boolean baseWins =
            c.getValue().group() != null && base != null && index(base, c.getKey()) != null;
        if (cv != null && !baseWins) {
          ob.put(c.getKey(), cv);
        }
      }
      result = ob.build();
    }
    if (ov != null) {
      result = ov.applyTo(result);
    }
    return result;
  }

  // ------------------------------------------------------------------ rules

  /** The partial-set group a constant data reference names, or null. */
  private RuleGroup keyedSet(Term t) {
    if (!(t instanceof Term.Ref r)
        || !(r.head() instanceof Term.Var v)
        || !v.name().equals("data")) {
      return null;
    }
    DocNode node = program.root();
    for (Term p : r.path()) {
      if (!(p instanceof Term.Scalar s) || (node = node.child(s.value())) == null) {
        return null;
      }
    }
    return isKeyed(node) && node.group().kind() == RuleGroup.Kind.MULTI ? node.group() : null;
  }

  /** A group whose document can be looked up one key at a time. */
  private static boolean isKeyed(DocNode node) {
    RuleGroup g = node.group();
    return g != null
        && node.children().isEmpty()
        && (g.kind() == RuleGroup.Kind.OBJECT || g.kind() == RuleGroup.Kind.MULTI);
  }

  /** A cache key: a group by identity and one key of its document. */
  private record KeyedDoc(RuleGroup group, Value key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof KeyedDoc d && d.group == group && d.key.equals(key);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(group) * 31 + key.hashCode();
    }
  }

  /**
   * {@code group[key]} without computing the whole document: rules whose key is a variable are
   * evaluated with it bound to {@code key}, so a lookup in a large partial set or object costs only
   * the matching rules.
   */
  private Value keyedValue(RuleGroup g, Value key) {
    Value full = cache.get(g);
    if (full != null) {
      return full == UNDEFINED ? null : index(full, key);
    }
    KeyedDoc ck = new KeyedDoc(g, key);
    Value cached = keyedCache.get(ck);
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    enter();
    Value v;
    try {
      v = g.kind() == RuleGroup.Kind.MULTI ? setMember(g, key) : objectEntry(g, key);
    } finally {
      depth--;
    }
    keyedCache.put(ck, v == null ? UNDEFINED : v);
    return v;
  }

  private Value setMember(RuleGroup g, Value key) {
    for (CompiledRule r : g.rules()) {
      Bindings b = new Bindings();
      boolean[] found = {false};
      Cont hit =
          () -> {
            found[0] = true;
            return true;
          };
      if (r.key() instanceof Term.Var) {
        match(r.key(), key, b, () -> evalBody(r.body(), 0, b, hit));
      } else {
        evalBody(r.body(), 0, b, () -> evalTerm(r.key(), b, v -> v.equals(key) && hit.run()));
      }
      if (found[0]) {
        return key;
      }
    }
    return null;
  }

  private Value objectEntry(RuleGroup g, Value key) {
    Map<Value, Object> tree = new TreeMap<>();
    for (CompiledRule r : g.rules()) {
      Bindings b = new Bindings();
      Cont produce =
          () ->
              evalItems(
                  r.keyPath(),
                  0,
                  new Value[r.keyPath().size()],
                  b,
                  keys ->
                      evalTerm(
                          r.key() != null ? r.key() : r.value(),
                          b,
                          v -> {
                            charge(1);
                            if (keys[0].equals(key)) {
                              insert(tree, keys, 0, v, r);
                            }
                            return false;
                          }));
      if (r.keyPath().get(0) instanceof Term.Var) {
        match(r.keyPath().get(0), key, b, () -> evalBody(r.body(), 0, b, produce));
      } else {
        evalBody(r.body(), 0, b, produce);
      }
    }
    Object entry = tree.get(key);
    return entry == null ? null : toValue(entry);
  }

  /** The value of a group's document (null when undefined), cached for the query. */
  private Value groupValue(RuleGroup g) {
    Value cached = cache.get(g);
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    enter();
    Value v;
    try {
      v =
          switch (g.kind()) {
            case COMPLETE -> completeValue(g);
            case MULTI -> setValue(g);
            case OBJECT -> objectValue(g);
            case FUNCTION -> null;
          };
    } finally {
      depth--;
    }
    cache.put(g, v == null ? UNDEFINED : v);
    return v;
  }

  private Value completeValue(RuleGroup g) {
    Value result = null;
    for (CompiledRule r : g.rules()) {
      Value v = ruleChainValue(r, null);
      if (v == null) {
        continue;
      }
      if (result != null && !result.equals(v)) {
        throw conflict(completeConflict(g.name()), r.location());
      }
      result = v;
    }
    return result != null ? result : g.defaultValue();
  }

  private static String completeConflict(String name) {
    return "complete rules must not produce multiple outputs: rule "
        + name
        + " produced conflicting values";
  }

  /**
   * The value of one rule with its else chain: the first link whose body succeeds. With {@code
   * args} the rule is a function called with those arguments.
   */
  private Value ruleChainValue(CompiledRule first, Value[] args) {
    for (CompiledRule r = first; r != null; r = r.elseRule()) {
      Value[] result = new Value[1];
      CompiledRule rule = r;
      // With a constant value every solution agrees, so the first one settles the rule.
      boolean constant = rule.value() instanceof Term.Scalar;
      Bindings b = new Bindings();
      bindArgs(
          rule,
          args,
          0,
          b,
          () ->
              evalBody(
                  rule.body(),
                  0,
                  b,
                  () ->
                      evalTerm(
                          rule.value(),
                          b,
                          v -> {
                            if (result[0] != null && !result[0].equals(v)) {
                              throw conflict(
                                  args == null
                                      ? completeConflict(rule.name())
                                      : functionConflict(rule.name()),
                                  rule.location());
                            }
                            result[0] = v;
                            return constant;
                          })));
      if (result[0] != null) {
        return result[0];
      }
      if (args != null && !argsMatch(rule, args)) {
        return null; // else links share the arguments of the first
      }
    }
    return null;
  }

  private boolean argsMatch(CompiledRule r, Value[] args) {
    Bindings b = new Bindings();
    return bindArgs(r, args, 0, b, () -> true);
  }

  private boolean bindArgs(CompiledRule r, Value[] args, int i, Bindings b, Cont k) {
    if (args == null || i == args.length) {
      return k.run();
    }
    return match(r.args().get(i), args[i], b, () -> bindArgs(r, args, i + 1, b, k));
  }

  private Value setValue(RuleGroup g) {
    List<Value> out = new ArrayList<>();
    for (CompiledRule r : g.rules()) {
      Bindings b = new Bindings();
      evalBody(
          r.body(),
          0,
          b,
          () ->
              evalTerm(
                  r.key(),
                  b,
                  v -> {
                    charge(1);
                    out.add(v);
                    return false;
                  }));
    }
    return SetValue.of(out);
  }

  private Value objectValue(RuleGroup g) {
    Map<Value, Object> tree = new TreeMap<>();
    for (CompiledRule r : g.rules()) {
      Bindings b = new Bindings();
      evalBody(
          r.body(),
          0,
          b,
          () ->
              evalItems(
                  r.keyPath(),
                  0,
                  new Value[r.keyPath().size()],
                  b,
                  keys ->
                      evalTerm(
                          r.key() != null ? r.key() : r.value(),
                          b,
                          v -> {
                            charge(1);
                            insert(tree, keys, 0, v, r);
                            return false;
                          })));
    }
    return toObject(tree);
  }

  @SuppressWarnings("unchecked")
  private void insert(Map<Value, Object> tree, Value[] keys, int i, Value v, CompiledRule r) {
    Value key = keys[i];
    Object existing = tree.get(key);
    if (i == keys.length - 1 && r.key() != null) {
      // a multi-value rule below a variable reference: the leaf is a set
      if (existing == null) {
        existing = new SetLeaf(new ArrayList<>());
        tree.put(key, existing);
      } else if (!(existing instanceof SetLeaf)) {
        throw conflict("object keys must be unique", r.location());
      }
      ((SetLeaf) existing).elements().add(v);
      return;
    }
    if (i == keys.length - 1) {
      if (existing == null) {
        tree.put(key, v);
      } else if (!(existing instanceof Value ev) || !ev.equals(v)) {
        throw conflict("object keys must be unique", r.location());
      }
      return;
    }
    if (existing == null) {
      existing = new TreeMap<Value, Object>();
      tree.put(key, existing);
    } else if (!(existing instanceof Map)) {
      throw conflict("object keys must be unique", r.location());
    }
    insert((Map<Value, Object>) existing, keys, i + 1, v, r);
  }

  /** The growing set at the end of a multi-value rule's reference. */
  private record SetLeaf(List<Value> elements) {}

  @SuppressWarnings("unchecked")
  private static ObjectValue toObject(Map<Value, Object> tree) {
    ObjectValue.Builder ob = ObjectValue.builder();
    for (Map.Entry<Value, Object> e : tree.entrySet()) {
      ob.put(e.getKey(), toValue(e.getValue()));
    }
    return ob.build();
  }

  @SuppressWarnings("unchecked")
  private static Value toValue(Object node) {
    if (node instanceof Value val) {
      return val;
    }
    if (node instanceof SetLeaf leaf) {
      return SetValue.of(leaf.elements());
    }
    return toObject((Map<Value, Object>) node);
  }

  // ------------------------------------------------------------------ calls

  private boolean evalCall(Term.Call c, Bindings b, ValueCont k) {
    if (c.name().equals("internal.member_2")
        && c.args().size() == 2
        && dataOverride == null
        && !mocks.containsKey(c.name())) {
      RuleGroup set = keyedSet(c.args().get(1));
      if (set != null) {
        // `x in some_partial_set`: test the one element instead of computing the whole set
        return evalTerm(
            c.args().get(0),
            b,
            x -> {
              charge(1);
              return k.accept(BooleanValue.of(keyedValue(set, x) != null));
            });
      }
    }
    int arity = arity(c.name());
    int inputs = Math.min(arity, c.args().size());
    return evalItems(
        c.args().subList(0, inputs),
        0,
        new Value[inputs],
        b,
        args -> {
          charge(1);
          Value result = call(c.name(), args, c.location());
          if (result == null) {
            return false;
          }
          if (isRelation(c.name())) {
            return forEach(
                result,
                (i, out) ->
                    c.args().size() > arity
                        ? match(c.args().get(arity), out, b, () -> k.accept(BooleanValue.TRUE))
                        : k.accept(out));
          }
          if (c.args().size() > arity) {
            return match(c.args().get(arity), result, b, () -> k.accept(BooleanValue.TRUE));
          }
          return k.accept(result);
        });
  }

  private boolean isRelation(String name) {
    return !mocks.containsKey(name)
        && !program.functions().containsKey(name)
        && program.builtins().find(name).map(Builtin::relation).orElse(false);
  }

  private int arity(String name) {
    switch (name) {
      case "internal.member_2":
        return 2;
      case "internal.member_3":
        return 3;
      default:
        break;
    }
    RuleGroup g = program.functions().get(name);
    if (g != null) {
      return g.arity();
    }
    return program.builtins().find(name).map(Builtin::arity).orElse(0);
  }

  /** Calls a function or builtin by name, honouring {@code with} replacements. */
  private Value call(String name, Value[] args, Location loc) {
    Term mock = mocks.get(name);
    if (mock != null) {
      if (mock instanceof Term.Scalar s) {
        return s.value();
      }
      String target = ((Term.Var) mock).name();
      if (!target.equals(name)) {
        // A replacement runs with the real functions: mocks do not call other mocks.
        Map<String, Term> saved = mocks;
        mocks = Map.of();
        try {
          return call(target, args, loc);
        } finally {
          mocks = saved;
        }
      }
    }
    switch (name) {
      case "internal.member_2":
        return BooleanValue.of(member(args[0], args[1]));
      case "internal.member_3":
        {
          Value v = index(args[2], args[0]);
          return BooleanValue.of(v != null && v.equals(args[1]) && !(args[2] instanceof SetValue));
        }
      default:
        break;
    }
    RuleGroup g = program.functions().get(name);
    if (g != null) {
      return callFunction(g, args);
    }
    Builtin builtin = program.builtins().find(name).orElse(null);
    if (builtin == null) {
      throw new RegoException("rego_type_error", "undefined function " + name, loc);
    }
    try {
      return builtin.function().call(this, args);
    } catch (BuiltinException e) {
      if (strict) {
        throw new RegoException(e.kind().code(), name + ": " + e.getMessage(), loc);
      }
      return null;
    } catch (RegoException e) {
      throw e;
    } catch (RuntimeException e) {
      if (strict) {
        throw new RegoException("eval_builtin_error", name + ": " + e.getMessage(), loc);
      }
      return null;
    }
  }

  private static boolean member(Value x, Value coll) {
    if (coll instanceof ArrayValue a) {
      return a.elements().contains(x);
    } else if (coll instanceof SetValue s) {
      return s.contains(x);
    } else if (coll instanceof ObjectValue o) {
      return o.values().contains(x);
    } else {
      return false;
    }
  }

  private Value callFunction(RuleGroup g, Value[] args) {
    enter();
    try {
      Value result = null;
      for (CompiledRule r : g.rules()) {
        Value v = ruleChainValue(r, args);
        if (v == null) {
          continue;
        }
        if (result != null && !result.equals(v)) {
          throw conflict(functionConflict(g.name()), r.location());
        }
        result = v;
      }
      return result != null ? result : g.defaultValue();
    } finally {
      depth--;
    }
  }

  private static String functionConflict(String name) {
    return "functions must not produce multiple outputs for same inputs: function "
        + name
        + " produced conflicting values for the same inputs";
  }

  private static RegoException conflict(String message, Location loc) {
    return new RegoException("eval_conflict_error", message, loc);
  }
}
