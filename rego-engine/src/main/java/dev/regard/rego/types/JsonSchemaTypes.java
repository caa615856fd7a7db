package dev.regard.rego.types;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON Schema into a {@link Type} as OPA does: {@code type} (one or a list), {@code
 * properties} (an object with {@code properties} and no {@code additionalProperties} is closed:
 * other keys are type errors), {@code additionalProperties}, {@code items} (one schema or a tuple),
 * {@code enum} and {@code const}, {@code $ref} within the document ({@code #/...}), and {@code
 * allOf}, {@code anyOf}, {@code oneOf} as unions. A keyword it does not model widens the type
 * rather than narrowing it, so a schema never makes a correct reference a type error.
 */
public final class JsonSchemaTypes {
  private static final int MAX_DEPTH = 64;

  private final JsonNode root;
  private final Set<String> resolving = new HashSet<>();

  private JsonSchemaTypes(JsonNode root) {
    this.root = root;
  }

  /**
   * The type a schema describes.
   *
   * @throws IllegalArgumentException when a {@code $ref} cannot be resolved or is circular
   */
  public static Type toType(JsonNode schema) {
    return new JsonSchemaTypes(schema).type(schema, 0);
  }

  private Type type(JsonNode s, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("schema nested deeper than " + MAX_DEPTH);
    }
    if (s == null || s.isBoolean() || !s.isObject()) {
      return Types.A;
    }
    if (s.has("$ref")) {
      return ref(s.get("$ref").asText(), depth);
    }
    for (String union : List.of("anyOf", "oneOf")) {
      if (s.has(union) && s.get(union).isArray()) {
        Type out = null;
        for (JsonNode alt : s.get(union)) {
          out = Types.or(out, type(alt, depth + 1));
        }
        return out == null ? Types.A : out;
      }
    }
    if (s.has("allOf") && s.get("allOf").isArray()) {
      return allOf(s.get("allOf"), depth);
    }
    if (s.has("const")) {
      return Types.of(constant(s.get("const")));
    }
    if (s.has("enum") && s.get("enum").isArray() && s.get("enum").size() > 0) {
      Type out = null;
      for (JsonNode e : s.get("enum")) {
        out = Types.or(out, Types.of(constant(e)));
      }
      return out;
    }
    JsonNode t = s.get("type");
    if (t == null) {
      if (s.has("properties")) {
        return object(s, depth);
      }
      if (s.has("items")) {
        return array(s, depth);
      }
      return Types.A;
    }
    if (t.isArray()) {
      Type out = null;
      for (JsonNode one : t) {
        out = Types.or(out, named(one.asText(), s, depth));
      }
      return out == null ? Types.A : out;
    }
    return named(t.asText(), s, depth);
  }

  private Type named(String name, JsonNode s, int depth) {
    return switch (name) {
      case "null" -> Types.NL;
      case "boolean" -> Types.B;
      case "number", "integer" -> Types.N;
      case "string" -> Types.S;
      case "array" -> array(s, depth);
      case "object" -> object(s, depth);
      default -> throw new IllegalArgumentException("unknown schema type \"" + name + "\"");
    };
  }

  private Type array(JsonNode s, int depth) {
    JsonNode items = s.get("items");
    if (items == null) {
      return Types.arrayOf(Types.A);
    }
    if (items.isArray()) {
      List<Type> tuple = new ArrayList<>();
      for (JsonNode i : items) {
        tuple.add(type(i, depth + 1));
      }
      JsonNode extra = s.get("additionalItems");
      Type dynamic = extra != null && extra.isBoolean() && !extra.asBoolean() ? null : Types.A;
      return new Type.Array(tuple, dynamic);
    }
    return Types.arrayOf(type(items, depth + 1));
  }

  private Type object(JsonNode s, int depth) {
    Map<Value, Type> statics = new LinkedHashMap<>();
    JsonNode props = s.get("properties");
    if (props != null && props.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = props.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        statics.put(StringValue.of(e.getKey()), type(e.getValue(), depth + 1));
      }
    }
    JsonNode extra = s.get("additionalProperties");
    if (extra == null) {
      return statics.isEmpty()
          ? Types.objectOf(Types.A, Types.A)
          : new Type.Obj(statics, null, null);
    }
    if (extra.isBoolean()) {
      return extra.asBoolean()
          ? new Type.Obj(statics, Types.A, Types.A)
          : new Type.Obj(statics, null, null);
    }
    return new Type.Obj(statics, Types.S, type(extra, depth + 1));
  }

  /** {@code allOf}: the properties of every part together; parts of other kinds stay a union. */
  private Type allOf(JsonNode parts, int depth) {
    Map<Value, Type> statics = new LinkedHashMap<>();
    boolean open = false;
    Type other = null;
    for (JsonNode p : parts) {
      Type t = type(p, depth + 1);
      if (t instanceof Type.Obj o) {
        statics.putAll(o.statics());
        open |= o.dynamicValue() != null;
      } else {
        other = Types.or(other, t);
      }
    }
    if (statics.isEmpty() && !open) {
      return other == null ? Types.A : other;
    }
    Type obj = open ? new Type.Obj(statics, Types.A, Types.A) : new Type.Obj(statics, null, null);
    return other == null ? obj : Types.or(obj, other);
  }

  private static Value constant(JsonNode n) {
    return dev.regard.rego.value.Json.parse(n.toString());
  }

  private Type ref(String ref, int depth) {
    if (!ref.startsWith("#")) {
      throw new IllegalArgumentException("$ref outside the schema document: " + ref);
    }
    if (!resolving.add(ref)) {
      return Types.A; // a recursive schema: the inner occurrence is left open
    }
    try {
      JsonNode target = root.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new IllegalArgumentException("$ref not found in the schema: " + ref);
      }
      return type(target, depth + 1);
    } finally {
      resolving.remove(ref);
    }
  }
}
