package dev.regard.rego.compile;

import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Module;
import dev.regard.rego.ast.Rule;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.parse.Parser;
import dev.regard.rego.types.Schemas;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles Rego modules into a {@link Program}: parses them, groups rules by the document they
 * define, resolves names, orders bodies for safety, rejects recursion and type-checks the rules
 * (against input schemas where annotations name them). Every error found is reported at once;
 * queries are resolved, ordered and type-checked against a compiled program.
 */
public final class Compiler {
  private final BuiltinRegistry builtins;
  private final List<RegoError> errors = new ArrayList<>();

  private Compiler(BuiltinRegistry builtins) {
    this.builtins = builtins;
  }

  /** A source file to compile. */
  public record Source(String path, String text) {}

  /** A rule as written, with the module it came from and the group it belongs to. */
  private record Placed(Module module, Rule rule, List<Value> groupPath, List<Term> keyPath) {}

  public static Program compile(List<Source> sources, Value data, BuiltinRegistry builtins) {
    return compile(sources, data, builtins, Schemas.NONE);
  }

  /**
   * Compiles and type-checks; {@code schemas} are the JSON Schemas that {@code # METADATA}
   * annotations name.
   */
  public static Program compile(
      List<Source> sources, Value data, BuiltinRegistry builtins, Schemas schemas) {
    return compile(sources, data, builtins, schemas, false);
  }

  /**
   * As above; {@code strict} adds the checks of OPA's compiler strict mode ({@link StrictChecks}).
   */
  public static Program compile(
      List<Source> sources, Value data, BuiltinRegistry builtins, Schemas schemas, boolean strict) {
    return new Compiler(builtins).run(sources, data, schemas, strict);
  }

  private Program run(List<Source> sources, Value data, Schemas schemas, boolean strict) {
    List<Module> modules = new ArrayList<>();
    Map<String, SchemaAnnotations> annotations = new LinkedHashMap<>();
    for (Source s : sources) {
      try {
        modules.add(Parser.parseModule(s.path(), s.text()));
        annotations.put(s.path(), SchemaAnnotations.parse(s.path(), s.text(), errors));
      } catch (RegoException e) {
        errors.addAll(e.errors());
      }
    }
    if (strict) {
      StrictChecks.run(modules, errors);
    }
    failIfErrors();

    Map<String, List<Placed>> byGroup = new LinkedHashMap<>();
    Map<String, Set<String>> packageRules = new HashMap<>();
    for (Module m : modules) {
      Set<String> names = packageRules.computeIfAbsent(pkgKey(m), k -> new HashSet<>());
      for (Rule r : m.rules()) {
        String ruleName = ((Term.Var) r.head().head()).name();
        if (ruleName.equals("data") || ruleName.equals("input")) {
          errors.add(
              new RegoError(
                  "rego_compile_error",
                  "rules must not shadow " + ruleName + " (use a different rule name)",
                  r.location()));
        }
        names.add(ruleName);
        Placed p = place(m, r);
        if (p != null) {
          byGroup.computeIfAbsent(name(p.groupPath()), k -> new ArrayList<>()).add(p);
        }
      }
    }
    Map<String, Integer> arities = new HashMap<>();
    Map<String, RuleGroup.Kind> kinds = new HashMap<>();
    for (Map.Entry<String, List<Placed>> e : byGroup.entrySet()) {
      RuleGroup.Kind kind = kindOf(e.getValue().get(0));
      for (Placed p : e.getValue()) {
        if (kindOf(p) != kind) {
          errors.add(
              new RegoError(
                  "rego_type_error",
                  "conflicting rules " + e.getKey() + " found",
                  p.rule().location()));
        }
      }
      kinds.put(e.getKey(), kind);
      if (kind == RuleGroup.Kind.FUNCTION) {
        int arity = e.getValue().get(0).rule().args().size();
        for (Placed p : e.getValue()) {
          if (p.rule().args() != null && p.rule().args().size() != arity) {
            errors.add(
                new RegoError(
                    "rego_type_error",
                    "conflicting rules " + e.getKey() + " found",
                    p.rule().location()));
          }
        }
        arities.put(e.getKey(), arity);
      }
    }

    failIfErrors(); // rules of conflicting shapes cannot be resolved further
    Scheduler scheduler = new Scheduler(arityOf(arities, builtins), errors);
    DocNode root = new DocNode();
    Map<String, RuleGroup> functions = new HashMap<>();
    List<Program.RuleRef> ruleRefs = new ArrayList<>();
    Map<Module, Resolver> resolvers = new HashMap<>();
    int groupCount = 0;
    List<RuleGroup> groups = new ArrayList<>();
    for (Module m : modules) {
      resolvers.put(
          m,
          new Resolver(
              pkgPath(m), aliases(m), packageRules.get(pkgKey(m)), arities, builtins, errors));
    }
    for (Map.Entry<String, List<Placed>> e : byGroup.entrySet()) {
      List<Placed> placed = e.getValue();
      RuleGroup.Kind kind = kinds.get(e.getKey());
      List<CompiledRule> rules = new ArrayList<>();
      Value defaultValue = null;
      CompiledRule defaultRule = null;
      for (Placed p : placed) {
        ruleRefs.add(new Program.RuleRef(e.getKey(), p.rule().location()));
        if (p.rule().isDefault()) {
          if (defaultValue != null) {
            errors.add(
                new RegoError(
                    "rego_type_error",
                    "multiple default rules " + e.getKey() + " found",
                    p.rule().location()));
          }
          defaultValue = Ground.value(p.rule().value());
          String illegal = defaultValue == null ? Ground.openPart(p.rule().value()) : null;
          if (illegal != null) {
            errors.add(
                new RegoError(
                    "rego_parse_error",
                    "illegal default rule (value cannot contain " + illegal + ")",
                    p.rule().location()));
          } else if (defaultValue == null) {
            // Comprehensions are closures: the value is computed when the default applies.
            defaultRule =
                compileRule(e.getKey(), p, p.rule(), resolvers.get(p.module()), scheduler);
          }
          continue;
        }
        rules.add(compileRule(e.getKey(), p, p.rule(), resolvers.get(p.module()), scheduler));
      }
      RuleGroup group =
          new RuleGroup(
              e.getKey(),
              placed.get(0).groupPath(),
              kind,
              arities.getOrDefault(e.getKey(), 0),
              rules,
              defaultValue,
              defaultRule,
              groupCount++);
      DocNode node = root;
      for (Value k : group.path()) {
        node = node.childOrCreate(k);
      }
      node.setGroup(group);
      groups.add(group);
      if (kind == RuleGroup.Kind.FUNCTION) {
        functions.put(e.getKey(), group);
      }
    }
    for (Module m : modules) {
      // Every package is a document, `{}` when it has no rules, unless a rule already defines it.
      DocNode node = root;
      for (Value k : pkgPath(m)) {
        if (node.group() != null) {
          break;
        }
        node = node.childOrCreate(k);
      }
    }
    failIfErrors();
    new RecursionCheck(root, errors).run();
    failIfErrors();
    Map<String, RuleGroup> functionsByName = Map.copyOf(functions);
    Map<String, String> packageOfFile = new HashMap<>();
    modules.forEach(m -> packageOfFile.put(m.file(), String.join(".", m.packagePath())));
    SchemaInputs inputs = new SchemaInputs(schemas, annotations, packageOfFile, groups, errors);
    TypeChecker checker = new TypeChecker(root, functionsByName, builtins, inputs, errors);
    checker.run(groups);
    failIfErrors();
    return new Program(
        root,
        data,
        functionsByName,
        builtins,
        List.copyOf(ruleRefs),
        groupCount,
        Precomputed.of(root, data, functionsByName, builtins, groups),
        checker.ruleTypes());
  }

  private CompiledRule compileRule(
      String name, Placed p, Rule r, Resolver resolver, Scheduler scheduler) {
    Set<String> argVars = new HashSet<>();
    List<Term> args = null;
    Map<String, String> argNames = new HashMap<>();
    if (r.args() != null) {
      args = new ArrayList<>();
      for (Term a : r.args()) {
        Resolver.patternVars(a, argVars);
      }
      for (String root : List.of("data", "input")) {
        if (argVars.contains(root)) {
          errors.add(
              new RegoError(
                  "rego_compile_error",
                  "args must not shadow " + root + " (use a different variable name)",
                  r.location()));
        }
      }
      argVars.forEach(v -> argNames.put(v, v));
      Resolver.Scope argScope = new Resolver.Scope(argNames);
      for (Term a : r.args()) {
        args.add(resolver.term(a, argScope));
      }
    }
    Resolver.Resolved resolved = resolver.body(r.body(), Resolver.Scope.ofArgs(argNames));
    Resolver.Scope scope = resolved.scope();
    Scheduler.Ordered ordered = scheduler.order(resolved.body(), argVars);
    Set<String> bound = ordered.bound();
    List<Term> keyPath = new ArrayList<>();
    for (Term t : p.keyPath()) {
      Term keyTerm = scheduler.nestedTerm(resolver.term(t, scope), bound);
      scheduler.checkHead(keyTerm, bound);
      keyPath.add(keyTerm);
    }
    Term key = null;
    if (r.key() != null) {
      key = scheduler.nestedTerm(resolver.term(r.key(), scope), bound);
      scheduler.checkHead(key, bound);
    }
    Term value =
        r.value() == null
            ? new Term.Scalar(dev.regard.rego.value.BooleanValue.TRUE, r.location())
            : r.value();
    value = scheduler.nestedTerm(resolver.term(value, scope), bound);
    scheduler.checkHead(value, bound);
    CompiledRule elseRule =
        r.elseRule() == null ? null : compileRule(name, p, r.elseRule(), resolver, scheduler);
    return new CompiledRule(
        name, r.location(), keyPath, args, key, value, ordered.body(), elseRule);
  }

  /** Finds the group of a rule: the longest constant prefix of its head reference. */
  private Placed place(Module m, Rule r) {
    List<Value> path = new ArrayList<>(pkgPath(m));
    path.add(StringValue.of(((Term.Var) r.head().head()).name()));
    List<Term> rest = new ArrayList<>();
    for (Term t : r.head().path()) {
      if (rest.isEmpty() && t instanceof Term.Scalar s) {
        path.add(s.value());
      } else {
        rest.add(t);
      }
    }
    if (!rest.isEmpty() && r.kind() == Rule.Kind.FUNCTION) {
      errors.add(
          new RegoError(
              "rego_parse_error", "function heads must have a constant reference", r.location()));
      return null;
    }
    if (r.isDefault() && !rest.isEmpty()) {
      errors.add(
          new RegoError(
              "rego_type_error", "default rules must have a constant reference", r.location()));
      return null;
    }
    return new Placed(m, r, path, rest);
  }

  private static RuleGroup.Kind kindOf(Placed p) {
    return switch (p.rule().kind()) {
      case FUNCTION -> RuleGroup.Kind.FUNCTION;
      case MULTI -> p.keyPath().isEmpty() ? RuleGroup.Kind.MULTI : RuleGroup.Kind.OBJECT;
      case SINGLE -> p.keyPath().isEmpty() ? RuleGroup.Kind.COMPLETE : RuleGroup.Kind.OBJECT;
    };
  }

  private static List<Value> pkgPath(Module m) {
    List<Value> out = new ArrayList<>();
    m.packagePath().forEach(s -> out.add(StringValue.of(s)));
    return out;
  }

  private static String pkgKey(Module m) {
    return String.join("\u0000", m.packagePath());
  }

  private static String name(List<Value> path) {
    return "data." + Resolver.dotted(path);
  }

  private Map<String, List<Value>> aliases(Module m) {
    Map<String, List<Value>> out = new HashMap<>();
    for (Module.Import imp : m.imports()) {
      String root = imp.path().get(0);
      if (!root.equals("data") && !root.equals("input")) {
        continue; // future.keywords and rego.v1 only switch on syntax Rego v1 always has
      }
      String alias = imp.alias() != null ? imp.alias() : imp.path().get(imp.path().size() - 1);
      List<Value> path = new ArrayList<>();
      imp.path().forEach(s -> path.add(StringValue.of(s)));
      out.put(alias, path);
    }
    return out;
  }

  /** Compiles a query against a program: names resolved from the root, body ordered. */
  public static Program.Query compileQuery(Program program, String query) {
    List<Literal> parsed = Parser.parseQuery(query);
    List<RegoError> errors = new ArrayList<>();
    Map<String, Integer> arities = new HashMap<>();
    program.functions().forEach((k, g) -> arities.put(k, g.arity()));
    Resolver resolver =
        new Resolver(List.of(), Map.of(), Set.of(), arities, program.builtins(), errors);
    List<Literal> body = resolver.body(parsed, new Resolver.Scope(Map.of())).body();
    if (!errors.isEmpty()) {
      throw new RegoException(errors);
    }
    Scheduler.Ordered ordered =
        new Scheduler(arityOf(arities, program.builtins()), errors).order(body, Set.of());
    if (!errors.isEmpty()) {
      throw new RegoException(errors);
    }
    TypeChecker.checkQuery(program, ordered.body(), errors);
    if (!errors.isEmpty()) {
      throw new RegoException(errors);
    }
    Set<String> vars = new LinkedHashSet<>();
    for (Literal l : body) {
      List<Term.Var> vs = new ArrayList<>();
      Scheduler.literalVarTerms(l, vs);
      if (l.stmt() instanceof Stmt.SomeDecl d) {
        vs.addAll(d.vars());
      }
      for (Term.Var v : vs) {
        if (!v.generated()) {
          vars.add(v.name());
        }
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    vars.forEach(v -> names.putIfAbsent(Resolver.displayName(v), v));
    return new Program.Query(ordered.body(), names);
  }

  private static java.util.function.ToIntFunction<String> arityOf(
      Map<String, Integer> functions, BuiltinRegistry builtins) {
    return name -> {
      Integer n = Resolver.INTERNAL.get(name);
      if (n == null) {
        n = functions.get(name);
      }
      if (n == null) {
        n = builtins.find(name).map(b -> b.arity()).orElse(-1);
      }
      return n;
    };
  }

  private void failIfErrors() {
    if (!errors.isEmpty()) {
      throw new RegoException(errors);
    }
  }
}
