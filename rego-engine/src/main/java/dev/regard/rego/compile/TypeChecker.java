package dev.regard.rego.compile;

import dev.regard.rego.RegoError;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Term;
import dev.regard.rego.builtins.Builtin;
import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.types.Type;
import dev.regard.rego.types.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's type checker over a compiled program: infers the type of every rule group (rules that use
 * other rules see their inferred types, functions get argument and result types), checks each body
 * with {@link ExprChecker}, and types {@code input} from the schema that applies to a rule. A group
 * whose rules have errors is typed {@code any}, so one mistake is reported once.
 */
final class TypeChecker implements ExprChecker.Context {
  private final DocNode root;
  private final Map<String, RuleGroup> functions;
  private final BuiltinRegistry builtins;
  private final InputTypes inputTypes;
  private final List<RegoError> errors;
  private final Map<RuleGroup, Type> groupTypes;
  private final ExprChecker exprs = new ExprChecker(this);

  /** Chooses the type of {@code input} seen by a rule. */
  interface InputTypes {
    Type forRule(CompiledRule rule);
  }

  TypeChecker(
      DocNode root,
      Map<String, RuleGroup> functions,
      BuiltinRegistry builtins,
      InputTypes inputTypes,
      List<RegoError> errors) {
    this(root, functions, builtins, inputTypes, errors, new IdentityHashMap<>());
  }

  private TypeChecker(
      DocNode root,
      Map<String, RuleGroup> functions,
      BuiltinRegistry builtins,
      InputTypes inputTypes,
      List<RegoError> errors,
      Map<RuleGroup, Type> groupTypes) {
    this.root = root;
    this.functions = functions;
    this.builtins = builtins;
    this.inputTypes = inputTypes;
    this.errors = errors;
    this.groupTypes = groupTypes;
  }

  /**
   * Checks a query against a compiled program, whose rules' types are already inferred; {@code
   * input} is of any type. Errors are added to {@code errors}.
   */
  static void checkQuery(Program program, List<Literal> body, List<RegoError> errors) {
    TypeChecker checker =
        new TypeChecker(
            program.root(),
            program.functions(),
            program.builtins(),
            rule -> Types.A,
            errors,
            new IdentityHashMap<>(program.ruleTypes()));
    checker.exprs.body(body, new ExprChecker.Env(null, Types.A));
  }

  /** The inferred type of every rule group checked so far. */
  Map<RuleGroup, Type> ruleTypes() {
    return java.util.Collections.unmodifiableMap(new IdentityHashMap<>(groupTypes));
  }

  /** Checks every group; errors are added to the shared list, sorted by location. */
  void run(List<RuleGroup> groups) {
    int before = errors.size();
    for (RuleGroup g : groups) {
      groupType(g);
    }
    List<RegoError> found = new ArrayList<>(errors.subList(before, errors.size()));
    found.sort(TypeChecker::byLocation);
    errors.subList(before, errors.size()).clear();
    errors.addAll(found);
  }

  private static int byLocation(RegoError a, RegoError b) {
    Location x = a.location();
    Location y = b.location();
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    int c = x.file().compareTo(y.file());
    if (c == 0) {
      c = Integer.compare(x.line(), y.line());
    }
    return c != 0 ? c : Integer.compare(x.column(), y.column());
  }

  @Override
  public void error(RegoError e) {
    errors.add(e);
  }

  @Override
  public Type callee(String name) {
    RuleGroup g = functions.get(name);
    if (g != null) {
      return groupType(g);
    }
    Builtin b = builtins.find(name).orElse(null);
    if (b != null) {
      return b.type();
    }
    Integer internal = Resolver.INTERNAL.get(name);
    return internal == null ? null : Types.untyped(internal);
  }

  @Override
  public Type data(Term.Ref ref, ExprChecker.Env env) {
    List<Term> path = ref.path();
    DocNode node = root;
    for (int i = 0; i < path.size(); i++) {
      if (!(path.get(i) instanceof Term.Scalar s)) {
        return Types.A; // a variable key below data: any rule or base document may match
      }
      node = node.child(s.value());
      if (node == null) {
        return Types.A; // base data, whose shape the checker does not know
      }
      if (node.group() != null) {
        if (node.hasChildren() || node.group().kind() == RuleGroup.Kind.FUNCTION) {
          return Types.A;
        }
        return exprs.walk(groupType(node.group()), ref, i + 1, env);
      }
    }
    return Types.A;
  }

  /** The inferred type of a group, computed once; {@code any} while it is being computed. */
  private Type groupType(RuleGroup g) {
    Type known = groupTypes.get(g);
    if (known != null) {
      return known;
    }
    groupTypes.put(g, Types.A); // recursion is rejected earlier; this only guards the walk
    Type t = infer(g);
    groupTypes.put(g, t);
    return t;
  }

  private Type infer(RuleGroup g) {
    Type out = g.defaultValue() == null ? null : Types.of(g.defaultValue());
    Type.Function fn = null;
    boolean failed = false;
    for (CompiledRule first : g.rules()) {
      for (CompiledRule r = first; r != null; r = r.elseRule()) {
        ExprChecker.Env env = new ExprChecker.Env(null, inputTypes.forRule(r));
        if (exprs.body(r.body(), env) > 0) {
          failed = true;
          continue;
        }
        switch (g.kind()) {
          case COMPLETE -> out = Types.or(out, headType(r.value(), env));
          case MULTI -> out = Types.or(out, Types.setOf(headType(r.key(), env)));
          case OBJECT -> out = Types.or(out, nested(r, env));
          case FUNCTION -> {
            List<Type> args = new ArrayList<>();
            for (Term a : r.args()) {
              args.add(headType(a, env));
            }
            Type result = headType(r.value(), env);
            fn =
                fn == null
                    ? Types.fn(args, result)
                    : Types.fn(orEach(fn.args(), args), Types.or(fn.result(), result));
          }
        }
      }
    }
    if (g.defaultRule() != null) {
      // a default whose value holds a comprehension: its value is checked like a rule head
      CompiledRule d = g.defaultRule();
      ExprChecker.Env env = new ExprChecker.Env(null, inputTypes.forRule(d));
      failed |= exprs.body(d.body(), env) > 0;
      out = Types.or(out, headType(d.value(), env));
    }
    if (failed) {
      return Types.A;
    }
    if (g.kind() == RuleGroup.Kind.FUNCTION) {
      return fn == null ? Types.untyped(g.arity()) : fn;
    }
    return out == null ? Types.A : out;
  }

  private static List<Type> orEach(List<Type> a, List<Type> b) {
    List<Type> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(Types.or(a.get(i), b.get(i)));
    }
    return out;
  }

  private Type headType(Term t, ExprChecker.Env env) {
    Type k = exprs.typeOf(t, env);
    return k == null ? Types.A : k;
  }

  /** {@code p[k1][k2] := v} as {@code object[K1: object[K2: V]]}. */
  private Type nested(CompiledRule r, ExprChecker.Env env) {
    Term valueTerm = r.key() != null ? r.key() : r.value();
    Type t = headType(valueTerm, env);
    if (r.key() != null) {
      t = Types.setOf(t);
    }
    List<Term> keys = r.keyPath();
    for (int i = keys.size() - 1; i >= 0; i--) {
      t = Types.objectOf(headType(keys.get(i), env), t);
    }
    return t;
  }

  /** A map from group to its type, for tests and tools. */
  Map<String, Type> types() {
    Map<String, Type> out = new HashMap<>();
    groupTypes.forEach((g, t) -> out.put(g.name(), t));
    return out;
  }
}
