package dev.regard.rego.eval;

import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Term;
import dev.regard.rego.compile.Program;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code with} keyword: evaluates the replacement values, then runs the modified expression
 * with {@code input}, parts of {@code data} or functions replaced and the document cache set aside,
 * restoring all of it for the rest of the body (and again after the expression).
 */
final class WithModifiers {
  private final Evaluator ev;
  private final Program program;

  WithModifiers(Evaluator ev, Program program) {
    this.ev = ev;
    this.program = program;
  }

  private record State(
      Value input,
      DataOverride data,
      Map<String, Term> mocks,
      Value[] cache,
      Map<VirtualDocuments.KeyedDoc, Value> keyedCache) {}

  private State save() {
    return new State(ev.input, ev.dataOverride, ev.calls.mocks, ev.docs.cache, ev.docs.keyedCache);
  }

  private void restore(State s) {
    ev.input = s.input();
    ev.dataOverride = s.data();
    ev.calls.mocks = s.mocks();
    ev.docs.cache = s.cache();
    ev.docs.keyedCache = s.keyedCache();
  }

  boolean evalWith(Literal l, Bindings b, Evaluator.Cont k) {
    List<Value> values = new ArrayList<>();
    return withValues(l, 0, values, b, () -> applyWith(l, values, b, k));
  }

  /** Evaluates the {@code with} values (function replacements are taken as written). */
  private boolean withValues(Literal l, int i, List<Value> out, Bindings b, Evaluator.Cont k) {
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
    return ev.evalTerm(
        w.value(),
        b,
        v -> {
          out.add(v);
          boolean r = withValues(l, i + 1, out, b, k);
          out.remove(out.size() - 1);
          return r;
        });
  }

  private boolean applyWith(Literal l, List<Value> values, Bindings b, Evaluator.Cont k) {
    State outer = save();
    Map<String, Term> newMocks = null;
    for (int i = 0; i < l.withs().size(); i++) {
      Literal.With w = l.withs().get(i);
      Value v = values.get(i);
      if (isFunctionTarget(w.target())) {
        if (newMocks == null) {
          newMocks = new HashMap<>(ev.calls.mocks);
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
        ev.input = path.isEmpty() ? v : put(ev.input, path, 0, v);
      } else {
        ev.dataOverride = DataOverride.with(ev.dataOverride, path, v);
      }
    }
    if (newMocks != null) {
      ev.calls.mocks = newMocks;
    }
    ev.docs.reset();
    try {
      return ev.evalPlain(
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
      ev.evalTerm(
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
}
