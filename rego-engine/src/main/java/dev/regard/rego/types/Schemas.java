package dev.regard.rego.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regard.rego.RegoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * JSON Schemas given to the compiler, as {@code opa eval --schema} takes them: each has an id, its
 * path below a schema directory without {@code .json} ({@code authz_input.json} is {@code
 * authz_input}, {@code kafka/authn.json} is {@code kafka/authn}), which a policy names in a {@code
 * # METADATA} annotation as {@code schema.authz_input} or {@code schema.kafka.authn}. An optional
 * input schema types {@code input} in every rule. Immutable; each schema is turned into a type once
 * and the type reused by every compilation with these schemas.
 */
public final class Schemas {
  /** No schemas: annotations that name one are not checked, as OPA does without a schema set. */
  public static final Schemas NONE = new Schemas(Map.of(), null, false);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_FILE_BYTES = 4L << 20;

  private final Map<String, JsonNode> byId;
  private final JsonNode input;
  private final boolean strict;

  /** Types of the schemas by id, each converted once and shared by every compilation. */
  private final Map<String, Type> types;

  private volatile Type inputType;

  private Schemas(Map<String, JsonNode> byId, JsonNode input, boolean strict) {
    this(Map.copyOf(byId), input, strict, new ConcurrentHashMap<>());
  }

  private Schemas(
      Map<String, JsonNode> byId, JsonNode input, boolean strict, Map<String, Type> types) {
    this.byId = byId;
    this.input = input;
    this.strict = strict;
    this.types = types;
  }

  /** Schemas from JSON texts by id. */
  public static Schemas of(Map<String, String> jsonById) {
    Map<String, JsonNode> out = new TreeMap<>();
    jsonById.forEach((id, json) -> out.put(id, parse(json, id)));
    return new Schemas(out, null, false);
  }

  /** Every {@code *.json} file below a directory, by its relative path without {@code .json}. */
  public static Schemas fromDirectory(Path dir) {
    Map<String, JsonNode> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!Files.isRegularFile(f) || !name.endsWith(".json")) {
          continue;
        }
        if (Files.size(f) > MAX_FILE_BYTES) {
          throw new RegoException(
              "rego_type_error", f + ": schema larger than " + MAX_FILE_BYTES + " bytes", null);
        }
        String rel = dir.relativize(f).toString().replace('\\', '/');
        String id = rel.substring(0, rel.length() - ".json".length());
        out.put(id, parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schemas in " + dir, e);
    }
    return new Schemas(out, null, false);
  }

  /** These schemas, and {@code json} as the schema of {@code input} in every rule. */
  public Schemas withInput(String json) {
    return new Schemas(byId, parse(json, "input schema"), strict, types);
  }

  /**
   * These schemas, where an annotation naming a schema not among them is always an error, even when
   * there are none: no declared schema goes unchecked.
   */
  public Schemas strict() {
    return new Schemas(byId, input, true, types);
  }

  /** The schema an annotation names ({@code schema.a.b} is id {@code a/b}), if present. */
  public Optional<JsonNode> get(String ref) {
    return Optional.ofNullable(byId.get(idOf(ref)));
  }

  private static String idOf(String ref) {
    String id = ref.startsWith("schema.") ? ref.substring("schema.".length()) : ref;
    return id.replace('.', '/');
  }

  public Optional<JsonNode> input() {
    return Optional.ofNullable(input);
  }

  /**
   * The type of the schema an annotation names, if present; converted on first use and then shared.
   *
   * @throws IllegalArgumentException when the schema cannot be turned into a type
   */
  public Optional<Type> type(String ref) {
    String id = idOf(ref);
    JsonNode schema = byId.get(id);
    if (schema == null) {
      return Optional.empty();
    }
    Type t = types.get(id);
    if (t == null) {
      t = JsonSchemaTypes.toType(schema);
      types.put(id, t);
    }
    return Optional.of(t);
  }

  /** The type of {@code input} in every rule: {@code any} without an input schema. */
  public Type inputType() {
    Type t = inputType;
    if (t == null) {
      t = input == null ? Types.A : JsonSchemaTypes.toType(input);
      inputType = t;
    }
    return t;
  }

  /** Whether no schema is known: annotations naming one are then skipped. */
  public boolean isEmpty() {
    return byId.isEmpty() && input == null && !strict;
  }

  public java.util.Set<String> ids() {
    return byId.keySet();
  }

  private static JsonNode parse(String json, String origin) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.isObject()) {
        throw new RegoException(
            "rego_type_error", origin + ": a schema must be a JSON object", null);
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new RegoException(
          "rego_type_error", origin + ": invalid JSON: " + e.getOriginalMessage(), null);
    }
  }
}
