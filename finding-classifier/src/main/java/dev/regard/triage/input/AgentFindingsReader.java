package dev.regard.triage.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.regard.triage.finding.Cwe;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.finding.Level;
import dev.regard.triage.finding.PathNormalizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Streams findings written by agents or people, in the form documented in {@code
 * docs/scan-triage.md}: either {@code {"findings": [...]}} or a bare array of objects with {@code
 * title} and {@code file} (required), {@code description}, {@code line}, {@code cwe} (string or
 * array), {@code evidence}, {@code tool}, {@code ruleId}, {@code level}, {@code tags}. Unknown
 * members are rejected so that a misspelt one is not silently ignored.
 */
public final class AgentFindingsReader {
  private static final Set<String> MEMBERS =
      Set.of(
          "title",
          "description",
          "file",
          "line",
          "cwe",
          "evidence",
          "tool",
          "ruleId",
          "level",
          "tags");

  private final PathNormalizer paths;
  private final ByteCounter counter;

  /**
   * @param paths turns the {@code file} members into repo-relative paths
   * @param counter counts bytes read, for progress; may be null
   */
  public AgentFindingsReader(PathNormalizer paths, ByteCounter counter) {
    this.paths = paths;
    this.counter = counter;
  }

  /** Reads every finding of {@code file} (named {@code input} in messages and ids). */
  public void read(Path file, String input, FindingSink sink) throws IOException {
    String name = FindingIds.inputName(input);
    try (JsonParser p = JsonInput.open(file, counter)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new FindingsException(input, 0, 0, "empty file: no findings document", null);
      }
      if (first == JsonToken.START_OBJECT) {
        if (p.nextToken() != JsonToken.FIELD_NAME
            || !p.currentName().equals("findings")
            || p.nextToken() != JsonToken.START_ARRAY) {
          throw JsonInput.error(input, p, "expected {\"findings\": [...]} as the only member");
        }
      } else if (first != JsonToken.START_ARRAY) {
        throw JsonInput.error(input, p, "expected a findings object or array");
      }
      int ordinal = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw JsonInput.error(input, p, "a finding must be a JSON object");
        }
        int line = p.currentTokenLocation().getLineNr();
        int column = p.currentTokenLocation().getColumnNr();
        JsonNode node = p.readValueAsTree();
        ordinal++;
        sink.accept(finding(node, input, name, ordinal, line, column));
      }
      if (first == JsonToken.START_OBJECT && p.nextToken() != JsonToken.END_OBJECT) {
        throw JsonInput.error(input, p, "expected {\"findings\": [...]} as the only member");
      }
      if (p.nextToken() != null) {
        throw JsonInput.error(input, p, "unexpected content after the findings");
      }
    } catch (JsonProcessingException e) {
      throw JsonInput.error(input, e);
    }
  }

  private Finding finding(
      JsonNode node, String input, String name, int ordinal, int line, int column) {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String member = entry.getKey();
      if (!MEMBERS.contains(member)) {
        throw new FindingsException(
            input, line, column, "finding " + ordinal + ": unknown member '" + member + "'", null);
      }
    }
    String title = required(node, "title", input, ordinal, line, column);
    String file = required(node, "file", input, ordinal, line, column);
    String path =
        paths
            .resolve(file, null, Map.of())
            .orElseThrow(
                () ->
                    new FindingsException(
                        input, line, column, "finding " + ordinal + ": empty \"file\"", null));
    JsonNode lineNode = node.path("line");
    if (!lineNode.isMissingNode() && !(lineNode.canConvertToInt() && lineNode.asInt() >= 0)) {
      throw new FindingsException(
          input, line, column, "finding " + ordinal + ": \"line\" must be a number >= 0", null);
    }
    String level = JsonInput.text(node, "level");
    try {
      level = level == null ? Level.WARNING.id() : Level.fromId(level).id();
    } catch (IllegalArgumentException e) {
      throw new FindingsException(
          input, line, column, "finding " + ordinal + ": " + e.getMessage(), null);
    }
    Set<String> cwes = new LinkedHashSet<>();
    for (String cwe : JsonInput.strings(node, "cwe")) {
      cwes.add(
          Cwe.fromTaxonId(cwe)
              .orElseThrow(
                  () ->
                      new FindingsException(
                          input,
                          line,
                          column,
                          "finding " + ordinal + ": '" + cwe + "' is not a CWE",
                          null)));
    }
    String description = JsonInput.text(node, "description");
    String message = description == null ? title : title + ": " + description;
    String tool = JsonInput.text(node, "tool");
    tool = tool == null ? "agent" : tool;
    String ruleId = JsonInput.text(node, "ruleId");
    int lineNumber = lineNode.asInt(0);
    return new Finding(
        FindingIds.id(name, ordinal),
        FindingIds.fingerprint(tool, ruleId, path, lineNumber, message),
        input,
        tool,
        ruleId,
        level,
        message,
        path,
        lineNumber,
        false,
        null,
        new ArrayList<>(cwes),
        JsonInput.strings(node, "tags"),
        JsonInput.text(node, "evidence"));
  }

  private static String required(
      JsonNode node, String member, String input, int ordinal, int line, int column) {
    String value = JsonInput.text(node, member);
    if (value == null || value.isBlank()) {
      throw new FindingsException(
          input,
          line,
          column,
          "finding "
              + ordinal
              + ": missing \""
              + member
              + "\""
              + (member.equals("file") ? " (every finding needs a location)" : ""),
          null);
    }
    return value;
  }
}
