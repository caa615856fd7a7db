package dev.regard.rego.compile;

import dev.regard.rego.RegoError;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.types.Type;
import dev.regard.rego.types.Types;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Type-checks one ordered body as OPA's checker does: variables take the types of what they are
 * unified with, in body order; calls are checked against their signatures (too many or too few
 * arguments, wrong argument types); unifications whose sides cannot match are match errors; and
 * references that step into a scalar or to a key their type rules out are undefined refs. {@code
 * null} stands for "type not known yet" (an unbound variable).
 */
final class ExprChecker {
  /** What the checker needs of the rest of the program. */
  interface Context {
    /** The type of a called function or builtin, or null when unknown. */
    Type callee(String name);

    /** The type of a reference into {@code data}, checking the steps it can. */
    Type data(Term.Ref ref, Env env);

    void error(RegoError e);
  }

  /** Variable types of a body, seeing those of enclosing bodies. */
  static final class Env {
    private final Env parent;
    private final Map<String, Type> vars = new HashMap<>();
    final Type input;

    Env(Env parent, Type input) {
      this.parent = parent;
      this.input = input;
    }

    Type get(String var) {
      for (Env e = this; e != null; e = e.parent) {
        Type t = e.vars.get(var);
        if (t != null) {
          return t;
        }
      }
      return null;
    }

    void put(String var, Type t) {
      vars.put(var, t);
    }

    Env child() {
      return new Env(this, input);
    }
  }

  private final Context ctx;
  private int errorCount;

  /**
   * Types of the calls, references and comprehensions already checked, so that a term looked at
   * twice (as an argument, then unified) is checked once.
   */
  private final Map<Term, Type> seen = new IdentityHashMap<>();

  ExprChecker(Context ctx) {
    this.ctx = ctx;
  }

  /** Checks a body; returns the number of errors found in it. */
  int body(List<Literal> body, Env env) {
    int before = errorCount;
    for (Literal l : body) {
      literal(l, env);
    }
    return errorCount - before;
  }

  private void error(String message, Location loc) {
    errorCount++;
    ctx.error(new RegoError("rego_type_error", message, loc));
  }

  private void literal(Literal l, Env env) {
    for (Literal.With w : l.withs()) {
      if (!(w.value() instanceof Term.Call c && c.args().isEmpty())) {
        typeOf(w.value(), env); // an argument-less call here names a replacement function
      }
    }
    Stmt s = l.stmt();
    if (s instanceof Stmt.TermStmt t) {
      if (t.term() instanceof Term.Call c) {
        call(c, env, true);
      } else {
        typeOf(t.term(), env);
      }
    } else if (s instanceof Stmt.Unify u) {
      equality(u.left(), u.right(), env, l.location());
    } else if (s instanceof Stmt.Assign a) {
      equality(a.left(), a.right(), env, l.location());
    } else if (s instanceof Stmt.SomeIn si) {
      typeOf(si.collection(), env);
      if (si.key() != null) {
        unify1(si.key(), Types.A, env, false);
      }
      unify1(si.value(), Types.A, env, false);
    } else if (s instanceof Stmt.Every e) {
      typeOf(e.domain(), env);
      Env inner = env.child();
      if (e.key() != null) {
        unify1(e.key(), Types.A, inner, false);
      }
      unify1(e.value(), Types.A, inner, false);
      body(e.body(), inner);
    }
  }

  // ------------------------------------------------------------------ calls

  /**
   * Checks a call as OPA does after moving a nested call into its own statement: {@code x := f(a)}
   * is checked as {@code f(a, out)}, the output a variable not yet bound. Too many operands (inputs
   * and output), too few inputs, or an operand whose type cannot be the declared one is an error
   * listing the operands' types and what the function wants, result included.
   */
  private Type call(Term.Call c, Env env, boolean statement) {
    Type t = ctx.callee(c.name());
    List<Term> args = c.args();
    for (Term a : args) {
      typeOf(a, env); // checks references inside the arguments
    }
    if (!(t instanceof Type.Function f)) {
      return Types.A; // a function whose own body has errors, or an internal one
    }
    int operands = args.size() + (statement ? 0 : 1);
    if (operands > f.arity() + 1) {
      error(argMessage(c.name(), "too many arguments", args, statement, f, env), c.location());
      return Types.A;
    }
    if (args.size() < f.arity()) {
      error(argMessage(c.name(), "too few arguments", args, statement, f, env), c.location());
      return Types.A;
    }
    for (int i = 0; i < args.size(); i++) {
      Type want = i < f.arity() ? f.args().get(i) : f.result();
      if (!unify1(args.get(i), want, env, false)) {
        error(argMessage(c.name(), "invalid argument(s)", args, statement, f, env), c.location());
        return Types.A;
      }
    }
    return f.result();
  }

  /** OPA's text: the types the operands have ({@code ???} for unbound ones), then the wanted. */
  private String argMessage(
      String name, String what, List<Term> args, boolean statement, Type.Function f, Env env) {
    StringJoiner have = new StringJoiner(", ", "(", ")");
    for (Term a : args) {
      have.add(display(a, env));
    }
    if (!statement) {
      have.add(Types.sprint(null)); // the output of a nested call is not bound yet
    }
    return name + ": " + what + "\n\thave: " + have + "\n\twant: " + Types.sprintWant(f);
  }

  private Type known(Term t, Env env) {
    Type k = typeOf(t, env);
    return k == null ? Types.A : k;
  }

  // ------------------------------------------------------------ unification

  private void equality(Term a, Term b, Env env, Location loc) {
    Type ta = typeOf(a, env);
    Type tb = typeOf(b, env);
    if (!unify2(a, ta, b, tb, env)) {
      error("match error\n\tleft  : " + display(a, env) + "\n\tright : " + display(b, env), loc);
    }
  }

  /**
   * A term's type as OPA prints it in messages: collections written out are typed part by part, an
   * unbound variable among them shown as {@code ???} ({@code [x, y]} is {@code array<???, ???>}).
   */
  private String display(Term t, Env env) {
    if (t instanceof Term.ArrayTerm a) {
      if (a.items().isEmpty()) {
        return "array";
      }
      StringJoiner j = new StringJoiner(", ", "array<", ">");
      a.items().forEach(i -> j.add(display(i, env)));
      return j.toString();
    } else if (t instanceof Term.ObjectTerm o) {
      if (o.entries().isEmpty()) {
        return "object[any: any]";
      }
      java.util.TreeMap<Value, String> statics = new java.util.TreeMap<>();
      String dynamic = null;
      for (Term.Entry e : o.entries()) {
        if (e.key() instanceof Term.Scalar k) {
          statics.put(k.value(), display(e.value(), env));
        } else {
          dynamic = "[" + display(e.key(), env) + ": " + display(e.value(), env) + "]";
        }
      }
      StringBuilder sb = new StringBuilder("object");
      if (!statics.isEmpty()) {
        StringJoiner j = new StringJoiner(", ", "<", ">");
        statics.forEach((k, v) -> j.add(Types.keyText(k) + ": " + v));
        sb.append(j);
      }
      return dynamic == null ? sb.toString() : sb.append(dynamic).toString();
    }
    return Types.sprint(typeOf(t, env));
  }

  private boolean unify2(Term a, Type ta, Term b, Type tb, Env env) {
    if (ta == null && tb != null) {
      return unify1(a, tb, env, false);
    } else if (tb == null && ta != null) {
      return unify1(b, ta, env, false);
    } else if (ta != null) {
      return Types.unifies(ta, tb);
    }
    if (a instanceof Term.ArrayTerm x) {
      if (b instanceof Term.ArrayTerm y) {
        if (x.items().size() != y.items().size()) {
          return false;
        }
        for (int i = 0; i < x.items().size(); i++) {
          Term l = x.items().get(i);
          Term r = y.items().get(i);
          if (!unify2(l, typeOf(l, env), r, typeOf(r, env), env)) {
            return false;
          }
        }
        return true;
      }
      return b instanceof Term.Var && bindBoth(a, b, env);
    }
    if (a instanceof Term.ObjectTerm x) {
      if (b instanceof Term.ObjectTerm y) {
        if (x.entries().size() != y.entries().size()) {
          return false;
        }
        for (Term.Entry e : x.entries()) {
          Term other = entryValue(y, e.key());
          if (other == null) {
            return false;
          }
          if (!unify2(e.value(), typeOf(e.value(), env), other, typeOf(other, env), env)) {
            return false;
          }
        }
        return true;
      }
      return b instanceof Term.Var && bindBoth(a, b, env);
    }
    if (a instanceof Term.Var) {
      if (b instanceof Term.Var || b instanceof Term.ArrayTerm || b instanceof Term.ObjectTerm) {
        return bindBoth(b, a, env);
      }
    }
    return true; // not decidable statically: leave it to evaluation
  }

  private boolean bindBoth(Term a, Term b, Env env) {
    return unify1(a, Types.A, env, false) && unify1(b, known(a, env), env, false);
  }

  private static Term entryValue(Term.ObjectTerm o, Term key) {
    if (!(key instanceof Term.Scalar k)) {
      return null;
    }
    for (Term.Entry e : o.entries()) {
      if (e.key() instanceof Term.Scalar s && s.value().equals(k.value())) {
        return e.value();
      }
    }
    return null;
  }

  /** Unifies a term with a type, giving unbound variables that type. */
  private boolean unify1(Term term, Type t, Env env, boolean union) {
    if (term instanceof Term.ArrayTerm a) {
      if (t instanceof Type.Array at) {
        if (a.items().size() != at.statics().size() && at.dynamic() == null) {
          return false;
        }
        for (int i = 0; i < a.items().size(); i++) {
          if (!unify1(a.items().get(i), Types.select(at, index(i)), env, union)) {
            return false;
          }
        }
        return true;
      }
      return unifyAny(term, t, env, a.items());
    } else if (term instanceof Term.ObjectTerm o) {
      if (t instanceof Type.Obj ot) {
        if (o.entries().size() != ot.statics().size() && ot.dynamicValue() == null) {
          return false;
        }
        for (Term.Entry e : o.entries()) {
          if (e.key() instanceof Term.Scalar k) {
            Type child = Types.select(ot, k.value());
            if (child == null || !unify1(e.value(), child, env, union)) {
              return false;
            }
          } else {
            unify1(e.value(), Types.A, env, union);
          }
        }
        return true;
      }
      List<Term> parts = new ArrayList<>();
      o.entries().forEach(e -> parts.add(e.value()));
      return unifyAny(term, t, env, parts);
    } else if (term instanceof Term.SetTerm s) {
      if (t instanceof Type.SetOf st) {
        for (Term e : s.items()) {
          if (!unify1(e, st.of(), env, union)) {
            return false;
          }
        }
        return true;
      }
      return unifyAny(term, t, env, s.items());
    } else if (term instanceof Term.Var v) {
      Type exist = env.get(v.name());
      if (!union) {
        if (exist != null) {
          return Types.unifies(exist, t);
        }
        env.put(v.name(), t);
      } else {
        env.put(v.name(), Types.or(exist, t));
      }
      return true;
    }
    Type own = typeOf(term, env);
    return own == null || Types.unifies(own, t);
  }

  private boolean unifyAny(Term term, Type t, Env env, List<Term> parts) {
    if (!(t instanceof Type.Any any)) {
      return false;
    }
    if (any.of().isEmpty()) {
      parts.forEach(p -> unify1(p, Types.A, env, true));
      return true;
    }
    boolean ok = false;
    for (Type m : any.of()) {
      ok |= unify1(term, m, env, true);
    }
    return ok;
  }

  private static Value index(int i) {
    return dev.regard.rego.value.NumberValue.of(i);
  }

  // ------------------------------------------------------------------ terms

  /** The type of a term (null when it holds an unbound variable), checking what it contains. */
  Type typeOf(Term t, Env env) {
    if (t instanceof Term.Ref
        || t instanceof Term.Call
        || t instanceof Term.ArrayCompr
        || t instanceof Term.SetCompr
        || t instanceof Term.ObjectCompr) {
      if (seen.containsKey(t)) {
        return seen.get(t);
      }
      Type out = computeType(t, env);
      seen.put(t, out);
      return out;
    }
    return computeType(t, env);
  }

  private Type computeType(Term t, Env env) {
    if (t instanceof Term.Scalar s) {
      return Types.of(s.value());
    } else if (t instanceof Term.Var v) {
      return env.get(v.name());
    } else if (t instanceof Term.Ref r) {
      return ref(r, env);
    } else if (t instanceof Term.Call c) {
      return call(c, env, false);
    } else if (t instanceof Term.ArrayTerm a) {
      List<Type> items = new ArrayList<>();
      boolean unknown = false;
      for (Term i : a.items()) {
        Type it = typeOf(i, env);
        unknown |= it == null;
        items.add(it == null ? Types.A : it);
      }
      return unknown ? null : new Type.Array(items, null);
    } else if (t instanceof Term.SetTerm s) {
      Type elem = null;
      boolean unknown = false;
      for (Term i : s.items()) {
        Type it = typeOf(i, env);
        unknown |= it == null;
        elem = Types.or(elem, it);
      }
      return unknown ? null : Types.setOf(elem == null ? Types.A : elem);
    } else if (t instanceof Term.ObjectTerm o) {
      Map<Value, Type> statics = new HashMap<>();
      Type dynKey = null;
      Type dynValue = null;
      boolean unknown = false;
      for (Term.Entry e : o.entries()) {
        Type k = typeOf(e.key(), env);
        Type v = typeOf(e.value(), env);
        unknown |= k == null || v == null;
        if (e.key() instanceof Term.Scalar s) {
          statics.put(s.value(), v == null ? Types.A : v);
        } else {
          dynKey = Types.or(dynKey, k == null ? Types.A : k);
          dynValue = Types.or(dynValue, v == null ? Types.A : v);
        }
      }
      return unknown ? null : new Type.Obj(statics, dynKey, dynValue);
    } else if (t instanceof Term.ArrayCompr c) {
      Env inner = env.child();
      body(c.body(), inner);
      return Types.arrayOf(known(c.head(), inner));
    } else if (t instanceof Term.SetCompr c) {
      Env inner = env.child();
      body(c.body(), inner);
      return Types.setOf(known(c.head(), inner));
    } else if (t instanceof Term.ObjectCompr c) {
      Env inner = env.child();
      body(c.body(), inner);
      return Types.objectOf(known(c.key(), inner), known(c.value(), inner));
    }
    throw new IllegalStateException("unknown term " + t);
  }

  private Type ref(Term.Ref r, Env env) {
    for (Term p : r.path()) {
      if (!(p instanceof Term.Var) && !(p instanceof Term.Scalar)) {
        typeOf(p, env);
      }
    }
    Term head = r.head();
    if (head instanceof Term.Var v && v.name().equals("data")) {
      return ctx.data(r, env);
    }
    Type start;
    if (head instanceof Term.Var v && v.name().equals("input")) {
      start = env.input;
    } else {
      start = typeOf(head, env);
      if (start == null) {
        return null;
      }
    }
    return walk(start, r, 0, env);
  }

  /**
   * The type reached by following {@code r.path()} from position {@code from} within type {@code
   * t}, reporting a step that the type rules out.
   */
  Type walk(Type t, Term.Ref r, int from, Env env) {
    for (int i = from; i < r.path().size(); i++) {
      Term p = r.path().get(i);
      Type keys = Types.keys(t);
      if (keys == null) {
        error(
            "undefined ref: "
                + refText(r)
                + "\n\t"
                + refText(r)
                + "\n\t"
                + "^".repeat(refText(r, i).length())
                + "\n\thave: "
                + Types.sprint(t),
            r.location());
        return Types.A;
      }
      if (p instanceof Term.Scalar s) {
        Type child = Types.select(t, s.value());
        if (child == null) {
          error(invalidKey(r, i, null, keys, t), r.location());
          return Types.A;
        }
        t = child;
        continue;
      }
      if (p instanceof Term.Var v) {
        Type exist = env.get(v.name());
        if (exist == null) {
          env.put(v.name(), keys);
        } else if (!Types.unifies(exist, keys)) {
          error(invalidKey(r, i, exist, keys, t), r.location());
          return Types.A;
        }
      }
      t = Types.values(t);
    }
    return t;
  }

  private static String invalidKey(Term.Ref r, int i, Type have, Type want, Type container) {
    String text = refText(r);
    String pad = " ".repeat(refText(r, i).length() + 1);
    StringBuilder sb = new StringBuilder("undefined ref: ").append(text);
    sb.append("\n\t").append(text).append("\n\t").append(pad).append('^');
    if (have != null) {
      sb.append("\n\t").append(pad).append("have (type): ").append(Types.sprint(have));
    } else {
      sb.append("\n\t").append(pad).append("have: ").append(termText(r.path().get(i)));
    }
    List<String> oneOf = new ArrayList<>();
    if (container instanceof Type.Obj o) {
      o.statics().keySet().forEach(k -> oneOf.add(k.toJson()));
    }
    if (oneOf.isEmpty()) {
      sb.append("\n\t").append(pad).append("want (type): ").append(Types.sprint(want));
    } else {
      sb.append("\n\t").append(pad).append("want (one of): [").append(String.join(" ", oneOf));
      sb.append(']');
    }
    return sb.toString();
  }

  /** The reference as written, up to (excluding) path element {@code end}. */
  static String refText(Term.Ref r, int end) {
    StringBuilder sb = new StringBuilder(termText(r.head()));
    for (int i = 0; i < end; i++) {
      Term p = r.path().get(i);
      if (p instanceof Term.Scalar s
          && s.value() instanceof dev.regard.rego.value.StringValue str
          && str.value().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        sb.append('.').append(str.value());
      } else {
        sb.append('[').append(termText(p)).append(']');
      }
    }
    return sb.toString();
  }

  static String refText(Term.Ref r) {
    return refText(r, r.path().size());
  }

  private static String termText(Term t) {
    if (t instanceof Term.Scalar s) {
      return s.value().toJson();
    } else if (t instanceof Term.Var v) {
      return Resolver.displayName(v.name());
    } else if (t instanceof Term.Ref r) {
      return refText(r);
    }
    return "_";
  }
}
