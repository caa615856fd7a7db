package dev.regard.rego.compile;

import dev.regard.rego.RegoError;
import dev.regard.rego.types.JsonSchemaTypes;
import dev.regard.rego.types.Schemas;
import dev.regard.rego.types.Type;
import dev.regard.rego.types.Types;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The type of {@code input} in each rule: the global input schema (if any), overridden by the
 * {@code schemas} annotations that apply to the rule, from the widest scope to the narrowest, as
 * OPA applies them. An annotation naming a schema the set does not hold is an error, unless no
 * schemas were given at all (then annotations are not checked, as in OPA).
 */
final class SchemaInputs implements TypeChecker.InputTypes {
  private final Schemas schemas;
  private final Type global;
  private final Map<String, SchemaAnnotations> byFile;
  private final Map<String, String> packageOfFile;
  private final Map<String, String> groupAtLine = new HashMap<>();
  private final Map<String, Type> cache = new HashMap<>();
  private final Map<String, Type> schemaTypes = new HashMap<>();
  private final List<RegoError> errors;

  SchemaInputs(
      Schemas schemas,
      Map<String, SchemaAnnotations> byFile,
      Map<String, String> packageOfFile,
      List<RuleGroup> groups,
      List<RegoError> errors) {
    this.schemas = schemas;
    this.byFile = byFile;
    this.packageOfFile = packageOfFile;
    this.errors = errors;
    for (RuleGroup g : groups) {
      for (CompiledRule r : g.rules()) {
        groupAtLine.put(key(r.location().file(), r.location().line()), g.name());
      }
    }
    this.global = schemas.inputType();
  }

  private static String key(String file, int line) {
    return file + ":" + line;
  }

  @Override
  public Type forRule(CompiledRule rule) {
    String k = key(rule.location().file(), rule.location().line());
    Type cached = cache.get(k);
    if (cached == null) {
      cached = compute(rule);
      cache.put(k, cached);
    }
    return cached;
  }

  private Type compute(CompiledRule rule) {
    if (schemas.isEmpty() && noInlineSchemas()) {
      return global;
    }
    String file = rule.location().file();
    String pkg = packageOfFile.get(file);
    List<SchemaAnnotations.Annotation> wide = new ArrayList<>();
    List<SchemaAnnotations.Annotation> document = new ArrayList<>();
    List<SchemaAnnotations.Annotation> own = new ArrayList<>();
    for (SchemaAnnotations sa : byFile.values()) {
      String annotatedPkg = packageOfFile.get(sa.file());
      for (SchemaAnnotations.Annotation a : sa.annotations()) {
        switch (a.scope()) {
          case SUBPACKAGES -> {
            if (pkg != null && annotatedPkg != null && (pkg + ".").startsWith(annotatedPkg + ".")) {
              wide.add(a);
            }
          }
          case PACKAGE -> {
            if (pkg != null && pkg.equals(annotatedPkg)) {
              wide.add(a);
            }
          }
          case DOCUMENT -> {
            String g = groupAtLine.get(key(sa.file(), a.targetLine()));
            if (g != null && g.equals(rule.name())) {
              document.add(a);
            }
          }
          case RULE -> {
            if (sa.file().equals(file) && a.targetLine() == rule.location().line()) {
              own.add(a);
            }
          }
        }
      }
    }
    Type input = global;
    for (List<SchemaAnnotations.Annotation> level : List.of(wide, document, own)) {
      for (SchemaAnnotations.Annotation a : level) {
        for (SchemaAnnotations.Entry e : a.entries()) {
          if (!e.path().get(0).equals("input")) {
            continue; // schemas for data paths are not applied
          }
          Type t = schemaType(e, a);
          if (t != null) {
            input = override(input, e.path().subList(1, e.path().size()), t);
          }
        }
      }
    }
    return input;
  }

  private boolean noInlineSchemas() {
    for (SchemaAnnotations sa : byFile.values()) {
      for (SchemaAnnotations.Annotation a : sa.annotations()) {
        for (SchemaAnnotations.Entry e : a.entries()) {
          if (e.definition() != null) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private Type schemaType(SchemaAnnotations.Entry e, SchemaAnnotations.Annotation a) {
    String id = e.ref() != null ? e.ref() : a.location() + "#" + e.path();
    Type cached = schemaTypes.get(id);
    if (cached != null) {
      return cached;
    }
    if (e.ref() != null && schemas.isEmpty()) {
      return null;
    }
    Type t;
    try {
      if (e.ref() == null) {
        t = JsonSchemaTypes.toType(e.definition());
      } else {
        t = schemas.type(e.ref()).orElse(null);
        if (t == null) {
          errors.add(
              new RegoError("rego_type_error", "undefined schema: " + e.ref(), a.location()));
          schemaTypes.put(id, Types.A);
          return Types.A;
        }
      }
    } catch (IllegalArgumentException ex) {
      errors.add(
          new RegoError(
              "rego_type_error",
              "invalid schema " + (e.ref() != null ? e.ref() : "") + ": " + ex.getMessage(),
              a.location()));
      t = Types.A;
    }
    schemaTypes.put(id, t);
    return t;
  }

  /** {@code t} with the type at {@code path} replaced by {@code o}. */
  private static Type override(Type t, List<String> path, Type o) {
    if (path.isEmpty()) {
      return o;
    }
    Value key = StringValue.of(path.get(0));
    List<String> rest = path.subList(1, path.size());
    if (t instanceof Type.Obj obj) {
      Map<Value, Type> statics = new LinkedHashMap<>(obj.statics());
      Type existing = statics.get(key);
      statics.put(key, override(existing == null ? Types.A : existing, rest, o));
      return new Type.Obj(statics, obj.dynamicKey(), obj.dynamicValue());
    }
    Map<Value, Type> statics = new LinkedHashMap<>();
    statics.put(key, override(Types.A, rest, o));
    return new Type.Obj(statics, Types.A, Types.A);
  }
}
