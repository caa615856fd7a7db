package dev.regard.rego.eval;

import dev.regard.rego.RegoException;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Term;
import dev.regard.rego.builtins.Builtin;
import dev.regard.rego.builtins.BuiltinException;
import dev.regard.rego.compile.CompiledRule;
import dev.regard.rego.compile.Precomputed;
import dev.regard.rego.compile.Program;
import dev.regard.rego.compile.RuleGroup;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * Calls of functions and builtins: arguments evaluated, {@code with} replacements honoured, the
 * builtin's failures turned into undefined or errors as OPA does, and OPA's relations (builtins
 * with several results) iterated.
 */
final class Calls {
  private final Evaluator ev;
  private final Program program;
  Map<String, Term> mocks = Map.of(); // function replacements made by `with`

  Calls(Evaluator ev, Program program) {
    this.ev = ev;
    this.program = program;
  }

  /** The result of a single call, as evalCall computes it. */
  Value callValue(Term.Call c, Precomputed.Facts f, Bindings b) {
    List<Term> terms = c.args();
    if (f.memberSet() != null) {
      Value x = ev.singleValue(terms.get(0), b);
      if (x == null) {
        return null;
      }
      ev.charge(1);
      return BooleanValue.of(ev.docs.keyedValue(f.memberSet(), x) != null);
    }
    Value[] args = new Value[terms.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = ev.singleValue(terms.get(i), b);
      if (args[i] == null) {
        return null;
      }
    }
    ev.charge(1);
    Precomputed.Callee callee = f.callee();
    return invoke(c.name(), callee.function(), callee.builtin(), args, c.location());
  }

  /** What a call denotes: looked up at compile time for calls in rules, here otherwise. */
  private Precomputed.Callee callee(Term.Call c) {
    Precomputed.Facts f = program.precomputed().facts(c);
    return f != null
        ? f.callee()
        : Precomputed.callee(c.name(), program.functions(), program.builtins());
  }

  boolean evalCall(Term.Call c, Bindings b, Evaluator.ValueCont k) {
    Value single = ev.trySingle(c, b);
    if (single != Evaluator.NOT_SINGLE_VALUE) {
      return single != null && k.accept(single);
    }
    String name = c.name();
    boolean mocked = !mocks.isEmpty() && mocks.containsKey(name);
    if (!mocked
        && name.equals("internal.member_2")
        && c.args().size() == 2
        && ev.dataOverride == null) {
      Precomputed.Facts f = program.precomputed().facts(c);
      RuleGroup set = f != null ? f.memberSet() : ev.docs.keyedSet(c.args().get(1));
      if (set != null) {
        // `x in some_partial_set`: test the one element instead of computing the whole set
        return ev.evalTerm(
            c.args().get(0),
            b,
            x -> {
              ev.charge(1);
              return k.accept(BooleanValue.of(ev.docs.keyedValue(set, x) != null));
            });
      }
    }
    Precomputed.Callee callee = callee(c);
    RuleGroup fn = callee.function();
    Builtin bi = callee.builtin();
    int arity = callee.arity();
    boolean relation = !mocked && bi != null && bi.relation();
    int inputs = Math.min(arity, c.args().size());
    return ev.evalItems(
        inputs == c.args().size() ? c.args() : c.args().subList(0, inputs),
        0,
        new Value[inputs],
        b,
        args -> {
          ev.charge(1);
          Value result =
              mocked ? call(name, args, c.location()) : invoke(name, fn, bi, args, c.location());
          if (result == null) {
            return false;
          }
          if (relation) {
            return ev.forEach(
                result,
                (i, out) ->
                    c.args().size() > arity
                        ? ev.match(c.args().get(arity), out, b, () -> k.accept(BooleanValue.TRUE))
                        : k.accept(out));
          }
          if (c.args().size() > arity) {
            return ev.match(c.args().get(arity), result, b, () -> k.accept(BooleanValue.TRUE));
          }
          return k.accept(result);
        });
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
    RuleGroup g = program.functions().get(name);
    return invoke(
        name, g, g == null ? program.builtins().find(name).orElse(null) : null, args, loc);
  }

  /** Calls the function {@code g} or else {@code builtin}, both looked up by {@code name}. */
  private Value invoke(String name, RuleGroup g, Builtin builtin, Value[] args, Location loc) {
    if (g != null) {
      return callFunction(g, args);
    }
    if (builtin == null) {
      // Neither a function nor a builtin: one of the membership operators, else unknown.
      switch (name) {
        case "internal.member_2":
          return BooleanValue.of(member(args[0], args[1]));
        case "internal.member_3":
          {
            Value v = Evaluator.index(args[2], args[0]);
            return BooleanValue.of(
                v != null && v.equals(args[1]) && !(args[2] instanceof SetValue));
          }
        default:
          throw new RegoException("rego_type_error", "undefined function " + name, loc);
      }
    }
    try {
      return builtin.function().call(ev, args);
    } catch (BuiltinException e) {
      if (ev.strict) {
        throw new RegoException(e.kind().code(), name + ": " + e.getMessage(), loc);
      }
      return null;
    } catch (RegoException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      // Builtins report bad input with BuiltinException; anything else is a bug, in any mode,
      // and so is a library missing from the deployment (a LinkageError).
      throw Evaluator.internalError(e, loc);
    }
  }

  private static boolean member(Value x, Value coll) {
    // Indexed loops: the list views would allocate an iterator per test.
    if (coll instanceof ArrayValue a) {
      for (int i = 0; i < a.size(); i++) {
        if (x.equals(a.get(i))) {
          return true;
        }
      }
      return false;
    } else if (coll instanceof SetValue s) {
      return s.contains(x);
    } else if (coll instanceof ObjectValue o) {
      for (int i = 0; i < o.size(); i++) {
        if (x.equals(o.valueAt(i))) {
          return true;
        }
      }
      return false;
    } else {
      return false;
    }
  }

  private Value callFunction(RuleGroup g, Value[] args) {
    ev.enter();
    try {
      Value result = null;
      Precomputed.Guard[] guards = ev.docs.guards(g);
      Value at = null; // the input's value at the last guard's path
      for (int i = 0; i < g.rules().size(); i++) {
        CompiledRule r = g.rules().get(i);
        Precomputed.Guard guard = guards == null ? null : guards[i];
        if (guard != null) {
          at = guard.at(ev.input, at);
          if (guard.excludes(at)) {
            continue;
          }
        }
        Value v = ev.docs.ruleChainValue(r, args);
        if (v == null) {
          continue;
        }
        if (result != null && !result.equals(v)) {
          throw Evaluator.conflict(VirtualDocuments.functionConflict(g.name()), r.location());
        }
        result = v;
      }
      return result != null ? result : ev.docs.defaultOf(g, args);
    } finally {
      ev.leave();
    }
  }
}
