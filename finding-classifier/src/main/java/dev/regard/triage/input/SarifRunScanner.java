package dev.regard.triage.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.regard.triage.finding.Cwe;
import dev.regard.triage.finding.PathNormalizer.UriBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First pass over a SARIF file: checks that it is SARIF 2.1.0 and well-formed to the end, and
 * collects per run what results refer to (rules, base URIs, artifacts, taxonomies). Results are
 * skipped token by token, so memory is bounded by the run metadata, not by the results.
 */
final class SarifRunScanner {
  static final String VERSION = "2.1.0";

  private final String file;
  private final ByteCounter counter;

  SarifRunScanner(String file, ByteCounter counter) {
    this.file = file;
    this.counter = counter;
  }

  List<RunContext> scan(Path path) throws IOException {
    try (JsonParser p = JsonInput.open(path, counter)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new FindingsException(file, 0, 0, "empty file: no SARIF log", null);
      }
      if (first != JsonToken.START_OBJECT) {
        throw JsonInput.error(file, p, "not a SARIF log: expected a JSON object");
      }
      String version = null;
      List<RunContext> runs = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("version")) {
          version = value == JsonToken.VALUE_STRING ? p.getText() : p.readValueAsTree().toString();
          if (!VERSION.equals(version)) {
            throw JsonInput.error(
                file, p, "unsupported SARIF version '" + version + "' (only 2.1.0 is read)");
          }
        } else if (name.equals("runs") && value == JsonToken.START_ARRAY) {
          runs = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            runs.add(scanRun(p));
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw JsonInput.error(file, p, "unexpected content after the SARIF log");
      }
      if (version == null) {
        throw new FindingsException(file, 0, 0, "not a SARIF log: no \"version\" member", null);
      }
      if (runs == null) {
        throw new FindingsException(file, 0, 0, "not a SARIF log: no \"runs\" array", null);
      }
      return runs;
    } catch (JsonProcessingException e) {
      throw JsonInput.error(file, e);
    }
  }

  private RunContext scanRun(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw JsonInput.error(file, p, "a run must be a JSON object");
    }
    JsonNode tool = null;
    JsonNode taxonomies = null;
    Map<String, UriBase> bases = new HashMap<>();
    List<UriBase> artifacts = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "tool" -> tool = p.readValueAsTree();
        case "taxonomies" -> taxonomies = p.readValueAsTree();
        case "originalUriBaseIds" -> {
          JsonNode node = p.readValueAsTree();
          node.properties()
              .forEach(
                  e ->
                      bases.put(
                          e.getKey(),
                          new UriBase(
                              JsonInput.text(e.getValue(), "uri"),
                              JsonInput.text(e.getValue(), "uriBaseId"))));
        }
        case "artifacts" -> {
          if (value == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              JsonNode location = ((JsonNode) p.readValueAsTree()).path("location");
              artifacts.add(
                  location.isObject()
                      ? new UriBase(
                          JsonInput.text(location, "uri"), JsonInput.text(location, "uriBaseId"))
                      : null);
            }
          } else {
            p.skipChildren();
          }
        }
        case "results" -> {
          if (value != JsonToken.START_ARRAY && value != JsonToken.VALUE_NULL) {
            throw JsonInput.error(file, p, "\"results\" must be an array");
          }
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    List<String> taxonomyNames = new ArrayList<>();
    if (taxonomies != null) {
      taxonomies.forEach(t -> taxonomyNames.add(JsonInput.text(t, "name")));
    }
    JsonNode driver = tool == null ? null : tool.get("driver");
    List<List<RuleInfo>> extensionRules = new ArrayList<>();
    if (tool != null && tool.path("extensions").isArray()) {
      tool.get("extensions").forEach(ext -> extensionRules.add(rules(ext, taxonomyNames)));
    }
    String toolName = JsonInput.text(driver, "name");
    return RunContext.of(
        toolName == null ? "unknown" : toolName,
        rules(driver, taxonomyNames),
        extensionRules,
        bases,
        artifacts,
        taxonomyNames);
  }

  private static List<RuleInfo> rules(JsonNode component, List<String> taxonomyNames) {
    List<RuleInfo> rules = new ArrayList<>();
    if (component == null || !component.path("rules").isArray()) {
      return rules;
    }
    for (JsonNode rule : component.get("rules")) {
      String id = JsonInput.text(rule, "id");
      List<String> tags = JsonInput.strings(rule.path("properties"), "tags");
      Set<String> cwes = new LinkedHashSet<>();
      tags.forEach(tag -> Cwe.fromTag(tag).ifPresent(cwes::add));
      JsonInput.strings(rule.path("properties"), "cwe")
          .forEach(c -> Cwe.fromTaxonId(c).ifPresent(cwes::add));
      for (JsonNode relationship : rule.path("relationships")) {
        cwes.addAll(SarifTaxa.cwes(List.of(relationship.path("target")), taxonomyNames));
      }
      Map<String, String> messages = new HashMap<>();
      rule.path("messageStrings")
          .properties()
          .forEach(
              e -> {
                String text = JsonInput.text(e.getValue(), "text");
                if (text != null) {
                  messages.put(e.getKey(), text);
                }
              });
      rules.add(
          new RuleInfo(
              id == null ? "" : id,
              tags,
              List.copyOf(cwes),
              JsonInput.text(rule.path("defaultConfiguration"), "level"),
              messages));
    }
    return rules;
  }
}
