package dev.regard.rego.eval;

import dev.regard.rego.RegoException;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.builtins.BuiltinContext;
import dev.regard.rego.compile.DocNode;
import dev.regard.rego.compile.Precomputed;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates one query top-down with backtracking. Every step takes a continuation that is called
 * once per solution; a continuation returns {@code true} to stop the search. One instance serves
 * one query on one thread: it holds the input, the query's clock and its step budget. This class
 * evaluates bodies, terms, unification and references; rule documents are {@link VirtualDocuments},
 * calls are {@link Calls}, and the {@code with} keyword is {@link WithModifiers}.
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

  final Program program;
  final Memo memo; // null: nothing is remembered across queries
  private long nowNs;
  private long deadlineNanos;
  private final long maxSteps;
  final boolean strict;
  private long steps;
  private int depth;

  // State changed by `with`; saved and restored around the modified expression.
  Value input;
  DataOverride dataOverride;

  final VirtualDocuments docs;
  final Calls calls;
  private final WithModifiers withs;

  public Evaluator(
      Program program, Value input, long nowNs, long deadlineNanos, long maxSteps, boolean strict) {
    this(program, null, input, nowNs, deadlineNanos, maxSteps, strict);
  }

  /**
   * @param memo documents remembered across the queries of this program (evaluated with the same
   *     strictness), or null
   */
  public Evaluator(
      Program program,
      Memo memo,
      Value input,
      long nowNs,
      long deadlineNanos,
      long maxSteps,
      boolean strict) {
    this.program = program;
    this.memo = memo;
    this.input = input;
    this.nowNs = nowNs;
    this.deadlineNanos = deadlineNanos;
    this.maxSteps = maxSteps;
    this.strict = strict;
    this.docs = new VirtualDocuments(this, program);
    this.calls = new Calls(this, program);
    this.withs = new WithModifiers(this, program);
  }

  // ------------------------------------------------------------------ public entry points

  /**
   * Makes this evaluator ready for another query, on another input, as a new one would be, but
   * keeping the documents computed so far that the new input cannot change: those that read no
   * input, and those kept per session members when {@code sameSession} says the new input's are
   * those of the previous one. Only between queries, never during one.
   */
  public void restart(Value input, long nowNs, long deadlineNanos, boolean sameSession) {
    this.input = input;
    this.nowNs = nowNs;
    this.deadlineNanos = deadlineNanos;
    this.steps = 0;
    this.depth = 0;
    this.dataOverride = null;
    docs.restart(sameSession);
  }

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
                            Value val = b.get(internal.intern());
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
    return documentAt(pathTerms(path));
  }

  /** A path under {@code data} as the constant terms {@link #documentAt} follows. */
  public static List<Term> pathTerms(List<Value> path) {
    List<Term> terms = new ArrayList<>(path.size());
    for (Value p : path) {
      terms.add(new Term.Scalar(p, null));
    }
    return List.copyOf(terms);
  }

  /** The value of a document under {@code data} named by constant terms, or null when undefined. */
  public Value documentAt(List<Term> terms) {
    Value[] result = new Value[1];
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
    } catch (RegoException e) {
      throw e;
    } catch (RuntimeException e) {
      throw internalError(e, null);
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

  void leave() {
    depth--;
  }

  void enter() {
    if (++depth > MAX_DEPTH) {
      depth = 0;
      throw new RegoException(
          "eval_cancel_error", "evaluation exceeded the maximum nesting depth", null);
    }
  }

  // ------------------------------------------------------------------ bodies

  /** The values of {@code head} over every solution of {@code body}, in evaluation order. */
  private List<Value> collect(Term head, List<Literal> body, Bindings b) {
    List<Value> out = new ArrayList<>();
    int mark = b.mark();
    evalBody(
        body,
        0,
        b,
        () ->
            evalTerm(
                head,
                b,
                v -> {
                  charge(1);
                  out.add(v);
                  return false;
                }));
    b.undo(mark);
    return out;
  }

  boolean evalBody(List<Literal> body, int start, Bindings b, Cont k) {
    // Literals with at most one outcome run in this loop, each inside the previous one's depth
    // and bindings as if they were nested continuations; the first other literal continues the
    // general way.
    int mark = b.mark();
    int entered = 0;
    int i = start;
    try {
      for (; i < body.size(); i++) {
        Literal l = body.get(i);
        charge(1);
        enter();
        entered++;
        int outcome = l.withs().isEmpty() ? singleOutcome(l, b) : NOT_SINGLE;
        if (outcome == FAILED) {
          return false;
        }
        if (outcome == NOT_SINGLE) {
          int next = i + 1;
          return evalLiteral(l, b, () -> evalBody(body, next, b, k));
        }
      }
      return k.run();
    } catch (RegoException e) {
      throw e;
    } catch (RuntimeException e) {
      // An engine bug, never an undefined result: named with the expression that met it.
      throw internalError(
          e, body.isEmpty() ? null : body.get(Math.min(i, body.size() - 1)).location());
    } finally {
      depth -= entered;
      b.undo(mark);
    }
  }

  static RegoException internalError(Throwable e, Location loc) {
    RegoException error =
        new RegoException(
            "eval_internal_error", e.getClass().getSimpleName() + ": " + e.getMessage(), loc);
    error.initCause(e);
    return error;
  }

  private static final int SUCCEEDED = 0;
  private static final int FAILED = 1;
  private static final int NOT_SINGLE = 2;

  /**
   * Runs a literal without {@code with} that has at most one outcome: a test of a single term, or
   * the assignment of a single term to an unbound variable (whose binding stays for the rest of the
   * body). Returns NOT_SINGLE, having done nothing, for any other literal.
   */
  private int singleOutcome(Literal l, Bindings b) {
    Stmt s = l.stmt();
    if (s instanceof Stmt.TermStmt t) {
      Value v = trySingle(t.term(), b);
      if (v == NOT_SINGLE_VALUE) {
        return NOT_SINGLE;
      }
      boolean holds = v != null && !v.equals(BooleanValue.FALSE);
      return holds != l.negated() ? SUCCEEDED : FAILED;
    }
    if (l.negated()) {
      return NOT_SINGLE;
    }
    if (s instanceof Stmt.SomeDecl) {
      return SUCCEEDED;
    }
    Term left;
    Term right;
    if (s instanceof Stmt.Assign a) {
      left = a.left();
      right = a.right();
    } else if (s instanceof Stmt.Unify u) {
      left = u.left();
      right = u.right();
    } else {
      return NOT_SINGLE;
    }
    // As unify does: the variable is the left side if that is unbound, else the right side.
    Term.Var target;
    Term source;
    if (isUnboundVar(left, b)) {
      target = (Term.Var) left;
      source = right;
    } else if (isUnboundVar(right, b)) {
      target = (Term.Var) right;
      source = left;
    } else {
      return NOT_SINGLE;
    }
    Value v = trySingle(source, b);
    if (v == NOT_SINGLE_VALUE) {
      return NOT_SINGLE;
    }
    if (v == null) {
      return FAILED;
    }
    b.bind(target.name(), v);
    return SUCCEEDED;
  }

  private boolean evalLiteral(Literal l, Bindings b, Cont k) {
    if (!l.withs().isEmpty()) {
      return withs.evalWith(l, b, k);
    }
    return evalPlain(l, b, k);
  }

  boolean evalPlain(Literal l, Bindings b, Cont k) {
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
      Value single = trySingle(t.term(), b);
      if (single != NOT_SINGLE_VALUE) {
        return single != null && !single.equals(BooleanValue.FALSE) && k.run();
      }
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
          if (!(dom instanceof ArrayValue
              || dom instanceof ObjectValue
              || dom instanceof SetValue)) {
            return false; // as in OPA, `every` over a non-collection is undefined
          }
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
  boolean forEach(Value coll, KeyValueCont f) {
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
    }
    if (t instanceof Term.ArrayTerm || t instanceof Term.SetTerm || t instanceof Term.ObjectTerm) {
      // Literals made only of constants were built once at compile time.
      Precomputed.Facts f = program.precomputed().facts(t);
      if (f != null && f.constant() != null) {
        return k.accept(f.constant());
      }
      Value single = trySingle(t, b);
      if (single != NOT_SINGLE_VALUE) {
        return single != null && k.accept(single);
      }
    }
    if (t instanceof Term.ArrayTerm a) {
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
      return calls.evalCall(c, b, k);
    } else if (t instanceof Term.ArrayCompr c) {
      return k.accept(ArrayValue.of(collect(c.head(), c.body(), b)));
    } else if (t instanceof Term.SetCompr c) {
      return k.accept(SetValue.of(collect(c.head(), c.body(), b)));
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

  boolean evalItems(List<Term> items, int i, Value[] acc, Bindings b, ValuesCont k) {
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

  // ------------------------------------------------------------------ single values

  /*
   * Most terms of a policy have at most one value: constants, bound variables, references with
   * constant or bound keys into the input or down to a rule, and calls of such terms (see
   * Precomputed.Facts.singleVars). Those are computed here directly, without a continuation per
   * step; the order of evaluation and the steps charged are the same as through evalTerm.
   * trySingle decides from the term and the bindings alone, before evaluating anything, so a term
   * is computed either entirely here or entirely the general way.
   */

  /** Marks a term that is not computed here. */
  static final Value NOT_SINGLE_VALUE = StringValue.of("\u0000not single");

  /**
   * The value of a term if it has at most one (null when it is undefined), or NOT_SINGLE_VALUE,
   * having done nothing, for a term to evaluate the general way.
   */
  Value trySingle(Term t, Bindings b) {
    if (t instanceof Term.Scalar s) {
      return s.value();
    } else if (t instanceof Term.Var v) {
      Value val = b.get(v.name());
      return val != null ? val : NOT_SINGLE_VALUE;
    }
    if (dataOverride != null || !calls.mocks.isEmpty()) {
      return NOT_SINGLE_VALUE;
    }
    Precomputed.Facts f = program.precomputed().facts(t);
    List<Term.Var> vars = f == null ? null : f.singleVars();
    if (vars == null) {
      return NOT_SINGLE_VALUE;
    }
    for (int i = 0; i < vars.size(); i++) {
      if (b.get(vars.get(i).name()) == null) {
        return NOT_SINGLE_VALUE;
      }
    }
    return computeSingle(t, f, b);
  }

  private Value computeSingle(Term t, Precomputed.Facts f, Bindings b) {
    if (t instanceof Term.Ref r) {
      return refValue(r, f, b);
    } else if (t instanceof Term.Call c) {
      return calls.callValue(c, f, b);
    } else if (f.constant() != null) {
      return f.constant();
    } else if (t instanceof Term.ArrayTerm a) {
      Value[] items = singleValues(a.items(), b);
      return items == null ? null : ArrayValue.of(items);
    } else if (t instanceof Term.SetTerm s) {
      Value[] items = singleValues(s.items(), b);
      return items == null ? null : SetValue.of(items);
    }
    ObjectValue.Builder ob = ObjectValue.builder();
    for (Term.Entry e : ((Term.ObjectTerm) t).entries()) {
      Value key = singleValue(e.key(), b);
      Value val = key == null ? null : singleValue(e.value(), b);
      if (val == null) {
        return null;
      }
      ob.put(key, val);
    }
    return ob.build();
  }

  /** The values of single terms, or null when one is undefined. */
  private Value[] singleValues(List<Term> terms, Bindings b) {
    Value[] out = new Value[terms.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = singleValue(terms.get(i), b);
      if (out[i] == null) {
        return null;
      }
    }
    return out;
  }

  /** The value of a part of a term trySingle accepted, or null when it is undefined. */
  Value singleValue(Term t, Bindings b) {
    if (t instanceof Term.Scalar s) {
      return s.value();
    } else if (t instanceof Term.Var v) {
      return b.get(v.name());
    }
    return computeSingle(t, program.precomputed().facts(t), b);
  }

  /** The value of a single reference, as walkNode and walk find it. */
  private Value refValue(Term.Ref r, Precomputed.Facts f, Bindings b) {
    List<Term> path = r.path();
    Precomputed.Prefix prefix = f.prefix();
    if (prefix == null) {
      // A reference into the input or into a variable's value.
      Term.Var head = (Term.Var) r.head();
      Value base = head.name().equals("input") ? input : b.get(head.name());
      return base == null ? null : walkValue(base, path, 0, b);
    }
    int i = prefix.length();
    if (i > 0) {
      charge(i);
    }
    DocNode node = prefix.node();
    if (node != null) {
      Value v = docs.materialize(node, prefix.base(), null);
      return v == null ? null : walkValue(v, path, i, b);
    }
    Value base = prefix.base();
    for (; base != null && i < path.size(); i++) {
      charge(1);
      Value key = singleValue(path.get(i), b);
      base = key == null ? null : indexBase(base, key);
    }
    return base;
  }

  /** Follows single keys into a value; null when a key is undefined or missing. */
  private Value walkValue(Value v, List<Term> path, int i, Bindings b) {
    for (; v != null && i < path.size(); i++) {
      charge(1);
      Value key = singleValue(path.get(i), b);
      v = key == null ? null : index(v, key);
    }
    return v;
  }

  // ------------------------------------------------------------------ references

  private boolean evalRef(Term.Ref r, Bindings b, ValueCont k) {
    Value single = trySingle(r, b);
    if (single != NOT_SINGLE_VALUE) {
      return single != null && k.accept(single);
    }
    if (r.head() instanceof Term.Var v) {
      if (v.name().equals("data")) {
        Precomputed.Facts f = dataOverride == null ? program.precomputed().facts(r) : null;
        Precomputed.Prefix prefix = f == null ? null : f.prefix();
        if (prefix != null) {
          // The constant keys were followed at compile time; charge the steps they stand for.
          if (prefix.length() > 0) {
            charge(prefix.length());
          }
          return walkNode(prefix.node(), prefix.base(), null, r.path(), prefix.length(), b, k);
        }
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
    // Constant keys, the common case, are followed in this loop rather than by recursion through
    // a continuation per step.
    while (true) {
      if (ov != null && ov.value() != null) {
        return walk(ov.value(), path, i, b, k);
      }
      if (node == null && ov == null && (base == null || i == path.size())) {
        return base != null && walk(base, path, i, b, k);
      }
      if (ov == null
          && node != null
          && node.keyed()
          && i < path.size()
          && !hasUnbound(path.get(i), b)) {
        RuleGroup g = node.group();
        int next = i + 1;
        return evalTerm(
            path.get(i),
            b,
            key -> {
              Value v = docs.keyedValue(g, key);
              return v != null && walk(v, path, next, b, k);
            });
      }
      if (node != null && node.group() != null || i == path.size()) {
        Value v = docs.materialize(node, base, ov);
        return v != null && walk(v, path, i, b, k);
      }
      charge(1);
      Term p = path.get(i);
      if (p instanceof Term.Scalar s) {
        Value key = s.value();
        node = node == null ? null : node.child(key);
        base = base == null ? null : indexBase(base, key);
        ov = ov == null ? null : ov.child(key);
        i++;
        continue;
      }
      if (hasUnbound(p, b)) {
        Value all = docs.materialize(node, base, ov);
        return all != null && walk(all, path, i, b, k);
      }
      DocNode n = node;
      Value bv = base;
      DataOverride o = ov;
      int next = i + 1;
      return evalTerm(
          p,
          b,
          key ->
              walkNode(
                  n == null ? null : n.child(key),
                  bv == null ? null : indexBase(bv, key),
                  o == null ? null : o.child(key),
                  path,
                  next,
                  b,
                  k));
    }
  }

  static RegoException conflict(String message, Location loc) {
    return new RegoException("eval_conflict_error", message, loc);
  }
}
