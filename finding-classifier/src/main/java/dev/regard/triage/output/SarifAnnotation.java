package dev.regard.triage.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.triage.classify.Classification;

/**
 * Marks an excluded SARIF result: a {@code suppressions} entry (kind external, status accepted,
 * with the verdict, rationale and section as justification) and a {@code properties.triage} block.
 * In-scope results are left exactly as they were.
 */
public final class SarifAnnotation {
  private SarifAnnotation() {}

  /** Marks our suppressions, so that a log triaged again loses the verdicts of the last run. */
  static final String MARKER = "scan-triage";

  public static ObjectNode annotate(ObjectNode result, Classification c) {
    removePreviousTriage(result);
    if (!c.verdict().excluded()) {
      return result;
    }
    JsonNode existing = result.get("suppressions");
    ArrayNode suppressions =
        existing instanceof ArrayNode array ? array : result.putArray("suppressions");
    ObjectNode suppression = suppressions.addObject();
    suppression.put("kind", "external");
    suppression.put("status", "accepted");
    suppression.put("justification", justification(c));
    suppression.putObject("properties").put("generatedBy", MARKER);
    JsonNode properties = result.get("properties");
    ObjectNode props =
        properties instanceof ObjectNode object ? object : result.putObject("properties");
    props.set("triage", ClassificationJson.triage(c));
    return result;
  }

  private static void removePreviousTriage(ObjectNode result) {
    if (result.get("properties") instanceof ObjectNode props && props.has("triage")) {
      props.remove("triage");
      if (props.isEmpty()) {
        result.remove("properties");
      }
    }
    if (result.get("suppressions") instanceof ArrayNode suppressions) {
      for (int i = suppressions.size() - 1; i >= 0; i--) {
        if (MARKER.equals(suppressions.get(i).path("properties").path("generatedBy").asText())) {
          suppressions.remove(i);
        }
      }
      if (suppressions.isEmpty()) {
        result.remove("suppressions");
      }
    }
  }

  static String justification(Classification c) {
    StringBuilder s = new StringBuilder();
    s.append(c.verdict().id()).append(" (").append(c.disposition()).append(")");
    if (c.rule() != null) {
      s.append(" by rule ").append(c.rule().id());
    }
    s.append(": ").append(c.rationale());
    if (c.section() != null) {
      s.append(" [").append(ClassificationJson.cite(c.section())).append("]");
    }
    return s.toString();
  }
}
