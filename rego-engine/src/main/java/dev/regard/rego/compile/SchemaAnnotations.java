package dev.regard.rego.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regard.rego.RegoError;
import dev.regard.rego.ast.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code schemas} of OPA's {@code # METADATA} annotations in one module: a comment block whose
 * first line is {@code # METADATA} and whose rest is YAML, placed before the {@code package} line
 * (scope {@code package} by default) or before a rule (scope {@code rule}). Each schema entry names
 * a path ({@code input} or {@code input.a.b}) and either a schema id ({@code schema.authz_input})
 * or an inline schema.
 */
record SchemaAnnotations(String file, List<Annotation> annotations) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where an annotation applies. */
  enum Scope {
    RULE,
    DOCUMENT,
    PACKAGE,
    SUBPACKAGES
  }

  /** One {@code path: schema} entry: {@code ref} names a schema, or {@code definition} is one. */
  record Entry(List<String> path, String ref, JsonNode definition) {}

  /** An annotation block: its scope, the line of what follows it, and its schema entries. */
  record Annotation(Scope scope, int targetLine, Location location, List<Entry> entries) {}

  static SchemaAnnotations parse(String file, String source, List<RegoError> errors) {
    List<Annotation> out = new ArrayList<>();
    if (!source.contains("METADATA")) {
      return new SchemaAnnotations(file, out);
    }
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].strip().equals("# METADATA")) {
        continue;
      }
      Location loc = new Location(file, i + 1, 1);
      StringBuilder yaml = new StringBuilder();
      int j = i + 1;
      while (j < lines.length && lines[j].strip().startsWith("#")) {
        String text = lines[j].strip().substring(1);
        yaml.append(text.startsWith(" ") ? text.substring(1) : text).append('\n');
        j++;
      }
      while (j < lines.length && lines[j].isBlank()) {
        j++;
      }
      boolean beforePackage = j < lines.length && lines[j].strip().startsWith("package ");
      try {
        Annotation a = annotation(yaml.toString(), beforePackage, j + 1, loc);
        if (a != null) {
          out.add(a);
        }
      } catch (RuntimeException e) {
        errors.add(
            new RegoError("rego_parse_error", "invalid METADATA block: " + e.getMessage(), loc));
      }
      i = j - 1;
    }
    return new SchemaAnnotations(file, out);
  }

  private static Annotation annotation(
      String yaml, boolean beforePackage, int targetLine, Location loc) {
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (doc == null) {
      return null;
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("expected a YAML mapping");
    }
    Scope scope = beforePackage ? Scope.PACKAGE : Scope.RULE;
    Object s = map.get("scope");
    if (s != null) {
      scope = Scope.valueOf(s.toString().toUpperCase(java.util.Locale.ROOT));
    }
    Object schemas = map.get("schemas");
    if (schemas == null) {
      return null;
    }
    if (!(schemas instanceof List<?> list)) {
      throw new IllegalArgumentException("schemas must be a list");
    }
    List<Entry> entries = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m) || m.size() != 1) {
        throw new IllegalArgumentException("each schema must be one \"path: schema\" pair");
      }
      Map.Entry<?, ?> e = m.entrySet().iterator().next();
      List<String> path = Arrays.asList(e.getKey().toString().split("\\."));
      Object value = e.getValue();
      if (value instanceof String ref) {
        if (!ref.startsWith("schema.")) {
          throw new IllegalArgumentException("schema reference must start with schema.: " + ref);
        }
        entries.add(new Entry(path, ref, null));
      } else if (value instanceof Map<?, ?>) {
        entries.add(new Entry(path, null, JSON.valueToTree(value)));
      } else {
        throw new IllegalArgumentException("schema of " + e.getKey() + " must be a ref or object");
      }
    }
    return new Annotation(scope, targetLine, loc, entries);
  }
}
