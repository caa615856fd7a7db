package dev.regard.rego.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.regex.RegularExpression;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code json.verify_schema} and {@code json.match_schema}: JSON Schema (draft 7 unless the schema
 * names another with {@code $schema}) with errors in the shape OPA reports them ({@code error},
 * {@code type}, {@code field}, {@code desc}). Remote {@code $ref}s are never fetched: a schema may
 * come from input; patterns run on re2j, in linear time, as OPA's run on Go's RE2. Only {@link
 * EncodingBuiltins} calls into this class, from inside the builtins' bodies, so that the engine
 * loads without the JSON-Schema library until a policy calls one of them.
 */
final class EncodingJsonSchema {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> PRIMITIVE_TYPES =
      Set.of("array", "boolean", "integer", "number", "null", "object", "string");
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_7,
          b ->
              b.schemaLoader(l -> l.fetchRemoteResources(false))
                  .schemaRegistryConfig(
                      SchemaRegistryConfig.builder()
                          .regularExpressionFactory(EncodingJsonSchema::pattern)
                          .build()));
  private static final int CACHE_SIZE = 64;
  private static final Map<Value, Schema> CACHE =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Value, Schema> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  private EncodingJsonSchema() {}

  static Value verify(BuiltinContext ctx, Value[] args) {
    try {
      compile(args[0]);
      return ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE);
    } catch (BuiltinException e) {
      return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: " + e.getMessage()));
    }
  }

  static Value match(BuiltinContext ctx, Value[] args) {
    JsonNode document = node(args[0]);
    Schema schema = compile(args[1]);
    List<Error> errors;
    try {
      errors = schema.validate(document);
    } catch (SchemaException e) {
      throw BuiltinException.error(e.getMessage());
    }
    List<Value> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      out.add(describe(e));
    }
    return ArrayValue.of(BooleanValue.of(errors.isEmpty()), ArrayValue.of(out));
  }

  /** A schema ready to validate with; a schema that is not valid is a builtin error. */
  private static Schema compile(Value v) {
    Schema cached = CACHE.get(v);
    if (cached != null) {
      return cached;
    }
    JsonNode node = node(v);
    checkTypes(node);
    Schema schema;
    try {
      String dialect =
          SpecificationVersion.fromSchemaNode(node)
              .orElse(SpecificationVersion.DRAFT_7)
              .getDialectId();
      for (Error invalid : REGISTRY.getSchema(SchemaLocation.of(dialect)).validate(node)) {
        if (!isEmptyEnum(invalid)) {
          throw BuiltinException.error(invalid.getMessage());
        }
      }
      schema = REGISTRY.getSchema(node);
    } catch (BuiltinException e) {
      throw e;
    } catch (RuntimeException e) { // the library's reasons a schema cannot be built
      throw BuiltinException.error(String.valueOf(e.getMessage()));
    }
    CACHE.put(v, schema);
    return schema;
  }

  private static RegularExpression pattern(String regex) {
    Pattern p = Pattern.compile(regex);
    return text -> p.matcher(text).find();
  }

  /** An empty {@code enum}, which OPA accepts (it matches nothing) where meta-schemas do not. */
  private static boolean isEmptyEnum(Error invalid) {
    NodePath at = invalid.getInstanceLocation();
    int n = at == null ? 0 : at.getNameCount();
    return n > 0 && "enum".equals(at.getName(n - 1)) && "minItems".equals(invalid.getKeyword());
  }

  /** A document or schema given as a JSON string or as a value. */
  private static JsonNode node(Value v) {
    String json;
    if (v instanceof StringValue s) {
      json = s.value();
    } else if (v instanceof ObjectValue || v instanceof ArrayValue) {
      json = Json.write(v);
    } else {
      throw BuiltinException.error("wrong type, expected string or object");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw BuiltinException.error("invalid JSON string");
    }
  }

  /** Type names outside JSON Schema's seven, reported with the words OPA uses. */
  private static void checkTypes(JsonNode node) {
    if (node.isObject()) {
      JsonNode type = node.get("type");
      if (type != null) {
        List<JsonNode> names = new ArrayList<>();
        if (type.isArray()) {
          type.forEach(names::add);
        } else {
          names.add(type);
        }
        for (JsonNode name : names) {
          if (!name.isTextual() || !PRIMITIVE_TYPES.contains(name.asText())) {
            throw BuiltinException.error(
                "has a primitive type that is NOT VALID -- given: /"
                    + name.asText()
                    + "/ Expected valid values are:[array boolean integer number null object"
                    + " string]");
          }
        }
      }
    }
    if (node.isContainerNode()) {
      node.forEach(EncodingJsonSchema::checkTypes);
    }
  }

  /** One validation error as OPA reports it. */
  private static Value describe(Error e) {
    String field = field(e.getInstanceLocation());
    String type;
    String desc;
    switch (e.getKeyword() == null ? "" : e.getKeyword()) {
      case "type" -> {
        type = "invalid_type";
        desc =
            "Invalid type. Expected: "
                + typeNames(e.getSchemaNode())
                + ", given: "
                + typeName(e.getInstanceNode());
      }
      case "required" -> {
        type = "required";
        desc = e.getProperty() + " is required";
      }
      case "enum" -> {
        type = "enum";
        desc = field + " must be one of the following: " + allowed(e.getSchemaNode());
      }
      case "const" -> {
        type = "const";
        desc = field + " does not match: " + e.getSchemaNode();
      }
      case "additionalProperties" -> {
        type = "additional_property_not_allowed";
        desc = "Additional property " + e.getProperty() + " is not allowed";
      }
      case "minLength" -> {
        type = "string_gte";
        desc = "String length must be greater than or equal to " + e.getSchemaNode();
      }
      case "maxLength" -> {
        type = "string_lte";
        desc = "String length must be less than or equal to " + e.getSchemaNode();
      }
      case "pattern" -> {
        type = "pattern";
        desc = "Does not match pattern '" + e.getSchemaNode().asText() + "'";
      }
      case "minimum" -> {
        type = "number_gte";
        desc = "Must be greater than or equal to " + e.getSchemaNode();
      }
      case "maximum" -> {
        type = "number_lte";
        desc = "Must be less than or equal to " + e.getSchemaNode();
      }
      case "exclusiveMinimum" -> {
        type = "number_gt";
        desc = "Must be greater than " + e.getSchemaNode();
      }
      case "exclusiveMaximum" -> {
        type = "number_lt";
        desc = "Must be less than " + e.getSchemaNode();
      }
      case "minItems" -> {
        type = "array_min_items";
        desc = "Array must have at least " + e.getSchemaNode() + " items";
      }
      case "maxItems" -> {
        type = "array_max_items";
        desc = "Array must have at most " + e.getSchemaNode() + " items";
      }
      case "minProperties" -> {
        type = "array_min_properties";
        desc = "Must have at least " + e.getSchemaNode() + " properties";
      }
      case "maxProperties" -> {
        type = "array_max_properties";
        desc = "Must have at most " + e.getSchemaNode() + " properties";
      }
      case "multipleOf" -> {
        type = "multiple_of";
        desc = "Must be a multiple of " + e.getSchemaNode();
      }
      case "format" -> {
        type = "format";
        desc = "Does not match format '" + e.getSchemaNode().asText() + "'";
      }
      case "anyOf" -> {
        type = "number_any_of";
        desc = "Must validate at least one schema (anyOf)";
      }
      case "oneOf" -> {
        type = "number_one_of";
        desc = "Must validate one and only one schema (oneOf)";
      }
      case "allOf" -> {
        type = "number_all_of";
        desc = "Must validate all the schemas (allOf)";
      }
      case "not" -> {
        type = "number_not";
        desc = "Must not validate the schema (not)";
      }
      case "uniqueItems" -> {
        type = "unique";
        desc = "array items must be unique";
      }
      case "false" -> {
        type = "false";
        desc = "False always fails validation";
      }
      default -> {
        type = e.getKeyword() == null ? "invalid" : e.getKeyword();
        desc = message(e);
      }
    }
    return ObjectValue.builder()
        .put("error", StringValue.of(field + ": " + desc))
        .put("type", StringValue.of(type))
        .put("field", StringValue.of(field))
        .put("desc", StringValue.of(desc))
        .build();
  }

  /** The instance path as OPA writes it: {@code (root)}, or {@code a.0.b} below the root. */
  private static String field(NodePath path) {
    if (path == null || path.getNameCount() == 0) {
      return "(root)";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      sb.append(i > 0 ? "." : "").append(path.getElement(i));
    }
    return sb.toString();
  }

  private static String typeName(JsonNode n) {
    if (n == null || n.isNull()) {
      return "null";
    } else if (n.isIntegralNumber()) {
      return "integer";
    } else if (n.isNumber()) {
      return "number";
    } else if (n.isTextual()) {
      return "string";
    } else if (n.isBoolean()) {
      return "boolean";
    } else if (n.isArray()) {
      return "array";
    }
    return "object";
  }

  /** One type by name, several as {@code [a,b]}. */
  private static String typeNames(JsonNode types) {
    if (!types.isArray()) {
      return types.asText();
    }
    List<String> out = new ArrayList<>();
    types.forEach(t -> out.add(t.asText()));
    return "[" + String.join(",", out) + "]";
  }

  private static String allowed(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.toString()));
    return String.join(", ", out);
  }

  /** The library's message without the instance path it starts with. */
  private static String message(Error e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return colon > 0 && m.startsWith("$") ? m.substring(colon + 2) : m;
  }
}
