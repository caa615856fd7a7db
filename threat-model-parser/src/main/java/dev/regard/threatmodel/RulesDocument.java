package dev.regard.threatmodel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The versioned, machine-readable rules a threat model yields.
 *
 * @param schemaVersion always {@code "1"} for this format
 * @param project the project's name, taken from the documents
 * @param rules the rules; ids are unique
 */
public record RulesDocument(String schemaVersion, String project, List<TriageRule> rules) {

  private static final String JSON_SOURCE = "<rules JSON>";

  public RulesDocument {
    if (!ThreatModel.SCHEMA_VERSION.equals(schemaVersion)) {
      throw new IllegalArgumentException(
          "unsupported schemaVersion '" + schemaVersion + "' (expected \"1\")");
    }
    Objects.requireNonNull(project, "project");
    rules = List.copyOf(rules);
    Set<String> ids = new HashSet<>();
    for (TriageRule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("duplicate rule id '" + rule.id() + "'");
      }
    }
  }

  /** This document as pretty-printed JSON. */
  public String toJson() {
    return RulesCodec.write(RulesCodec.JSON, this);
  }

  /** This document as YAML. */
  public String toYaml() {
    return RulesCodec.write(RulesCodec.YAML, this);
  }

  /**
   * Reads a document written by {@link #toJson()}.
   *
   * @throws ThreatModelException if the text is not a valid rules document
   */
  public static RulesDocument fromJson(String json) {
    try {
      RulesDocument document = RulesCodec.JSON.readValue(json, RulesDocument.class);
      if (document == null) {
        throw new ThreatModelException(JSON_SOURCE, 0, "empty rules document");
      }
      return document;
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      int line = location == null ? 0 : Math.max(0, location.getLineNr());
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new ThreatModelException(
          JSON_SOURCE, line, "invalid rules document: " + cause.getMessage(), e);
    }
  }
}
