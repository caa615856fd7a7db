package dev.regard.triage.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared JSON plumbing for the readers: one configured mapper, parsers and error translation. */
public final class JsonInput {
  /** Strict about duplicates, bounded in nesting and string length. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(200)
                          .maxStringLength(16 * 1024 * 1024)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          // Exact decimals in result trees, so that a copied result keeps every digit.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private JsonInput() {}

  /** Opens a streaming parser over a file; {@code counter} (nullable) sees every byte read. */
  public static JsonParser open(Path file, ByteCounter counter) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (counter != null) {
      in = counter.wrap(in);
    }
    return MAPPER.createParser(in);
  }

  /** Translates a parse error into one naming file, line, column and cause. */
  public static FindingsException error(String file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String cause = e.getOriginalMessage();
    if (cause != null && cause.startsWith("Unexpected end-of-input")) {
      cause = "truncated input: " + cause;
    }
    return new FindingsException(
        file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), cause, e);
  }

  /** An error at the parser's current position. */
  public static FindingsException error(String file, JsonParser parser, String cause) {
    JsonLocation at = parser.currentTokenLocation();
    return new FindingsException(file, at.getLineNr(), at.getColumnNr(), cause, null);
  }

  /** A text member, or {@code null} when absent or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** The strings of an array member (other elements are ignored), or an empty list. */
  static List<String> strings(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    List<String> out = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(v -> addIfText(v, out));
    } else if (value != null && value.isTextual()) {
      out.add(value.asText());
    }
    return out;
  }

  private static void addIfText(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
  }
}
