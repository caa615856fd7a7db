package dev.regard.rego;

import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.builtins.StandardBuiltins;
import dev.regard.rego.compile.Compiler;
import dev.regard.rego.compile.Ground;
import dev.regard.rego.parse.Parser;
import dev.regard.rego.types.Schemas;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Entry point: compiles Rego modules and data into a {@link CompiledPolicy}. */
public final class Rego {
  private Rego() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Parses a ground Rego term such as {@code {"a", 1}} or {@code [1, {2}]} into a value. */
  public static Value parseValue(String regoTerm) throws RegoException {
    Value v = Ground.value(Parser.parseTerm(regoTerm));
    if (v == null) {
      throw new RegoException("rego_parse_error", "term is not a constant: " + regoTerm, null);
    }
    return v;
  }

  /** Collects modules, data and settings; {@link #compile()} checks them all at once. */
  public static final class Builder {
    private final List<Compiler.Source> modules = new ArrayList<>();
    private final List<Value> data = new ArrayList<>();
    private BuiltinRegistry builtins = StandardBuiltins.registry();
    private boolean strict;
    private boolean strictChecks;
    private EvalLimits limits = EvalLimits.DEFAULT;
    private Set<String> sessionInput = Set.of();
    private Schemas schemas = Schemas.NONE;

    private Builder() {}

    /** Adds a module; its errors surface at {@link #compile()}. */
    public Builder module(String path, String source) {
      modules.add(
          new Compiler.Source(Objects.requireNonNull(path), Objects.requireNonNull(source)));
      return this;
    }

    /** Merges an object into the root of {@code data}; conflicting values are errors. */
    public Builder data(Value document) {
      data.add(Objects.requireNonNull(document));
      return this;
    }

    public Builder builtins(BuiltinRegistry registry) {
      this.builtins = Objects.requireNonNull(registry);
      return this;
    }

    public Builder strictBuiltinErrors(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * JSON Schemas for the type checker: {@code # METADATA} annotations name them ({@code
     * schema.authz_input}), and an input schema types {@code input} everywhere. Without schemas,
     * annotations naming one are not checked.
     */
    public Builder schemas(Schemas schemas) {
      this.schemas = Objects.requireNonNull(schemas);
      return this;
    }

    /**
     * OPA's compiler strict mode ({@code opa check --strict}): unused local assignments, function
     * arguments and imports, duplicate imports and calls of deprecated builtins are compile errors.
     */
    public Builder strictChecks(boolean strictChecks) {
      this.strictChecks = strictChecks;
      return this;
    }

    public Builder limits(EvalLimits limits) {
      this.limits = Objects.requireNonNull(limits);
      return this;
    }

    /**
     * Top-level input members that stay the same across many queries, such as the caller's
     * identity: rules that read input only under them are remembered per the values they read.
     * Rules that read no input are always remembered.
     */
    public Builder sessionInput(String... members) {
      this.sessionInput = Set.of(members);
      return this;
    }

    public CompiledPolicy compile() throws RegoException {
      Value root = ObjectValue.EMPTY;
      for (Value d : data) {
        if (!(d instanceof ObjectValue)) {
          throw new RegoException(
              "rego_compile_error", "data must be an object but got " + d.typeName(), null);
        }
        root = merge(root, d, "data");
      }
      return new CompiledPolicy(
          Compiler.compile(modules, root, builtins, schemas, strictChecks),
          strict,
          limits,
          sessionInput);
    }

    private static Value merge(Value a, Value b, String path) {
      if (a instanceof ObjectValue x && b instanceof ObjectValue y) {
        ObjectValue out = x;
        for (int i = 0; i < y.size(); i++) {
          Value k = y.keyAt(i);
          Value existing = out.get(k);
          out =
              out.with(
                  k,
                  existing == null
                      ? y.valueAt(i)
                      : merge(existing, y.valueAt(i), path + "." + k.toJson()));
        }
        return out;
      }
      if (a.equals(b)) {
        return a;
      }
      throw new RegoException("rego_compile_error", "conflicting data at " + path, null);
    }
  }
}
