package dev.regard.rego.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.JsonFormatException;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * JSON and YAML documents (data files, inputs) to {@link Value}s. Numbers stay exact, nesting is
 * capped like {@link Json}, and every error names the file and line.
 */
public final class DataDocuments {
  private static final YAMLFactory YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE); // sizes are capped by BundleLimits instead
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(Json.MAX_DEPTH);
    YAML = YAMLFactory.builder().loaderOptions(options).build();
  }

  private DataDocuments() {}

  /** Parses by file name: {@code .yaml}/{@code .yml} as YAML, anything else as JSON. */
  public static Value parse(byte[] content, String source) {
    String lower = source.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml")
        ? parseYaml(content, source)
        : parseJson(content, source);
  }

  public static Value parseJson(byte[] content, String source) {
    try {
      return Json.parse(utf8(content, source), source);
    } catch (JsonFormatException e) {
      throw new BundleException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      // Limits such as the nesting depth are reported without a position.
      throw new BundleException(source + ": invalid JSON: " + e.getCause().getMessage(), e);
    } catch (NumberFormatException e) {
      throw new BundleException(source + ": invalid JSON: number out of range", e);
    }
  }

  public static Value parseYaml(byte[] content, String source) {
    String text = utf8(content, source);
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return NullValue.INSTANCE; // an empty YAML document is null, as in OPA
      }
      Value v = read(p, first, source, 0);
      if (p.nextToken() != null) {
        throw error(source, p.currentTokenLocation(), "more than one YAML document");
      }
      return v;
    } catch (JsonProcessingException e) {
      throw error(source, e.getLocation(), e.getOriginalMessage());
    } catch (IOException e) {
      throw new BundleException(source + ": cannot read: " + e.getMessage(), e);
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new BundleException(source + ": invalid YAML: " + e.getMessage(), e);
    }
  }

  private static Value read(JsonParser p, JsonToken token, String source, int depth)
      throws IOException {
    if (depth > Json.MAX_DEPTH) {
      throw error(source, p.currentTokenLocation(), "nested deeper than " + Json.MAX_DEPTH);
    }
    switch (token) {
      case START_OBJECT:
        {
          ObjectValue.Builder b = ObjectValue.builder();
          for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            StringValue key = StringValue.of(p.currentName());
            if (b.get(key) != null) {
              throw error(source, p.currentTokenLocation(), "duplicate key '" + key.value() + "'");
            }
            b.put(key, read(p, p.nextToken(), source, depth + 1));
          }
          return b.build();
        }
      case START_ARRAY:
        {
          List<Value> items = new ArrayList<>();
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(read(p, t, source, depth + 1));
          }
          return ArrayValue.of(items);
        }
      case VALUE_STRING:
        return StringValue.of(p.getText());
      case VALUE_NUMBER_INT:
        return NumberValue.of(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        try {
          return NumberValue.of(p.getDecimalValue());
        } catch (NumberFormatException e) {
          throw error(source, p.currentTokenLocation(), "not a finite number: " + p.getText());
        }
      case VALUE_TRUE:
        return BooleanValue.TRUE;
      case VALUE_FALSE:
        return BooleanValue.FALSE;
      case VALUE_NULL:
        return NullValue.INSTANCE;
      default:
        throw error(source, p.currentTokenLocation(), "unsupported YAML value " + token);
    }
  }

  private static BundleException error(String source, JsonLocation at, String message) {
    String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
    return new BundleException(source + where + ": invalid YAML: " + message);
  }

  /** Strict UTF-8: malformed bytes are an error, not silently replaced. */
  static String utf8(byte[] content, String source) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BundleException(source + ": not valid UTF-8 text");
    }
  }
}
