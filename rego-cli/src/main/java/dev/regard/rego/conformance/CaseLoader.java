package dev.regard.rego.conformance;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads OPA's YAML test-case files ({@code cases:} lists) from a directory tree. Numbers are kept
 * exact; each case gets the id {@code category/file.yaml#note}, where the category is the folder
 * holding the file.
 */
public final class CaseLoader {
  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "note",
          "query",
          "modules",
          "data",
          "input",
          "input_term",
          "want_result",
          "want_error",
          "want_error_code",
          "sort_bindings",
          "strict_error",
          "skip");

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private CaseLoader() {}

  /** Every case in every {@code .yaml}/{@code .yml} file under {@code root}, in path order. */
  public static List<ConformanceCase> load(Path root) {
    List<ConformanceCase> cases = new ArrayList<>();
    for (Path file : files(root)) {
      cases.addAll(loadFile(root, file));
    }
    return cases;
  }

  /** The case files under {@code root}, sorted by path. */
  public static List<Path> files(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("not a directory: " + root);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  /** The id and category a file's cases get, from its path relative to the root. */
  static String relativeName(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  static String category(Path root, Path file) {
    Path parent = root.relativize(file).getParent();
    return parent == null ? "." : parent.toString().replace('\\', '/');
  }

  /** The cases of one file; {@code root} decides the category and the ids. */
  public static List<ConformanceCase> loadFile(Path root, Path file) {
    String relative = relativeName(root, file);
    String category = category(root, file);
    JsonNode doc;
    try {
      doc = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr();
      throw new CaseFormatException(relative + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    JsonNode list = doc == null ? null : doc.get("cases");
    if (list == null || !list.isArray()) {
      throw new CaseFormatException(relative + ": expected a top-level 'cases:' list");
    }
    List<ConformanceCase> cases = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int index = 0;
    for (JsonNode node : list) {
      index++;
      String where = relative + ": case " + index;
      if (!node.isObject()) {
        throw new CaseFormatException(where + ": expected a mapping");
      }
      String note = requiredText(node, "note", where);
      int occurrence = seen.merge(note, 1, Integer::sum);
      // OPA's own suite has a few repeated notes; a counter keeps the ids unique and stable.
      // Whitespace is collapsed so that every id fits on one line of a baseline file.
      String id =
          relative
              + "#"
              + note.replaceAll("\\s+", " ").strip()
              + (occurrence > 1 ? " [" + occurrence + "]" : "");
      cases.add(toCase(node, id, category, note, where));
    }
    return cases;
  }

  private static ConformanceCase toCase(
      JsonNode node, String id, String category, String note, String where) {
    String skipReason = null;
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN_FIELDS.contains(name)) {
        skipReason = "unsupported field '" + name + "'";
      }
    }
    JsonNode skip = node.get("skip");
    if (skip != null && !skip.isNull() && !(skip.isBoolean() && !skip.booleanValue())) {
      skipReason = skip.isTextual() ? skip.textValue() : "marked skip in the case file";
    }
    List<String> modules = new ArrayList<>();
    JsonNode mods = node.get("modules");
    if (mods != null && !mods.isNull()) {
      if (!mods.isArray()) {
        throw new CaseFormatException(where + ": 'modules' must be a list of strings");
      }
      for (JsonNode m : mods) {
        if (!m.isTextual()) {
          throw new CaseFormatException(where + ": 'modules' must be a list of strings");
        }
        modules.add(m.textValue());
      }
    }
    ObjectValue data = null;
    JsonNode dataNode = node.get("data");
    if (dataNode != null && !dataNode.isNull()) {
      if (!(toValue(dataNode, where) instanceof ObjectValue o)) {
        throw new CaseFormatException(where + ": 'data' must be a mapping");
      }
      data = o;
    }
    JsonNode inputNode = node.get("input");
    // As in OPA's runner, 'input: null' means no input at all.
    Value input = inputNode == null || inputNode.isNull() ? null : toValue(inputNode, where);
    List<Map<String, Value>> wantResult = null;
    JsonNode want = node.get("want_result");
    if (want != null && !want.isNull()) {
      if (!want.isArray()) {
        throw new CaseFormatException(where + ": 'want_result' must be a list of mappings");
      }
      wantResult = new ArrayList<>();
      for (JsonNode binding : want) {
        if (!binding.isObject()) {
          throw new CaseFormatException(where + ": 'want_result' must be a list of mappings");
        }
        Map<String, Value> vars = new LinkedHashMap<>();
        binding.properties().forEach(e -> vars.put(e.getKey(), toValue(e.getValue(), where)));
        wantResult.add(vars);
      }
    }
    return new ConformanceCase(
        id,
        category,
        note,
        modules,
        data,
        input,
        optionalText(node, "input_term", where),
        requiredText(node, "query", where),
        wantResult,
        optionalText(node, "want_error", where),
        optionalText(node, "want_error_code", where),
        flag(node, "sort_bindings"),
        flag(node, "strict_error"),
        skipReason);
  }

  private static String requiredText(JsonNode node, String field, String where) {
    String text = optionalText(node, field, where);
    if (text == null) {
      throw new CaseFormatException(where + ": missing '" + field + "'");
    }
    return text;
  }

  private static String optionalText(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode() || v.isBinary()) {
      throw new CaseFormatException(where + ": '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static boolean flag(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.asBoolean(false);
  }

  /** A YAML node as a Rego value; integers and decimals stay exact. */
  static Value toValue(JsonNode node, String where) {
    if (node.isNull() || node.isMissingNode()) {
      return NullValue.INSTANCE;
    } else if (node.isBoolean()) {
      return BooleanValue.of(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      return NumberValue.of(node.bigIntegerValue());
    } else if (node.isNumber()) {
      return NumberValue.of(node.decimalValue());
    } else if (node.isTextual()) {
      return StringValue.of(node.textValue());
    } else if (node.isArray()) {
      List<Value> items = new ArrayList<>(node.size());
      node.forEach(e -> items.add(toValue(e, where)));
      return ArrayValue.of(items);
    } else if (node.isObject()) {
      ObjectValue.Builder b = ObjectValue.builder();
      node.properties().forEach(e -> b.put(e.getKey(), toValue(e.getValue(), where)));
      return b.build();
    }
    throw new CaseFormatException(where + ": unsupported YAML value of type " + node.getNodeType());
  }
}
