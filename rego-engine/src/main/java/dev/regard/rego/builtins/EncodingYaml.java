package dev.regard.rego.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML text to and from values, with YAML 1.1 scalars as OPA's YAML library reads them. Input is
 * bounded in size, nesting and alias expansion, so a hostile document cannot exhaust memory.
 */
final class EncodingYaml {
  /** Largest YAML text accepted, in code points. */
  static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

  private static final ObjectMapper WRITER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  private EncodingYaml() {}

  static String write(Value v) {
    try {
      return WRITER.writeValueAsString(Json.toJava(v));
    } catch (JsonProcessingException e) {
      throw BuiltinException.error(e.getOriginalMessage());
    }
  }

  /** The first document of a YAML stream (null for an empty stream); every document must parse. */
  static Value read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(Json.MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    Yaml yaml = new Yaml(new Constructor(options));
    Value first = null;
    boolean any = false;
    try {
      for (Object doc : yaml.loadAll(text)) {
        if (!any) {
          first = toValue(doc, 0);
          any = true;
        }
      }
    } catch (RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw BuiltinException.error("yaml: " + msg.replaceAll("\\s+", " ").trim());
    }
    return first == null ? NullValue.INSTANCE : first;
  }

  private static Value toValue(Object o, int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw new IllegalArgumentException("document nested too deeply");
    }
    if (o == null) {
      return NullValue.INSTANCE;
    } else if (o instanceof Boolean b) {
      return BooleanValue.of(b);
    } else if (o instanceof Integer || o instanceof Long) {
      return NumberValue.of(((Number) o).longValue());
    } else if (o instanceof BigInteger bi) {
      return NumberValue.of(bi);
    } else if (o instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException("json: unsupported value: " + d);
      }
      return NumberValue.of(new BigDecimal(Double.toString(d)));
    } else if (o instanceof String s) {
      return StringValue.of(s);
    } else if (o instanceof byte[] bytes) {
      return StringValue.of(new String(bytes, StandardCharsets.UTF_8));
    } else if (o instanceof Map<?, ?> m) {
      ObjectValue.Builder b = ObjectValue.builder();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.put(StringValue.of(keyText(e.getKey())), toValue(e.getValue(), depth + 1));
      }
      return b.build();
    } else if (o instanceof Collection<?> c) {
      List<Value> items = new ArrayList<>(c.size());
      for (Object e : c) {
        items.add(toValue(e, depth + 1));
      }
      return ArrayValue.of(items);
    }
    throw new IllegalArgumentException("unsupported YAML value of type " + o.getClass());
  }

  /** Non-string keys become their text, as when YAML is converted to JSON. */
  private static String keyText(Object key) {
    if (key instanceof String s) {
      return s;
    }
    Value v = toValue(key, 0);
    return v instanceof SetValue || v instanceof ArrayValue || v instanceof ObjectValue
        ? v.toJson()
        : v.toString();
  }

  /** Safe construction, keeping timestamps as the strings they are written as. */
  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
    }
  }
}
