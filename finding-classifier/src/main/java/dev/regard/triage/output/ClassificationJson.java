package dev.regard.triage.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.TriageRule;
import dev.regard.triage.classify.Classification;
import dev.regard.triage.finding.Finding;
import java.util.Locale;

/** The JSON shapes of a classification, shared by the JSON report and the SARIF annotation. */
final class ClassificationJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ClassificationJson() {}

  /** The verdict and its justification: SARIF's {@code properties.triage}. */
  static ObjectNode triage(Classification c) {
    ObjectNode triage = NODES.objectNode();
    triage.put("verdict", c.verdict().id());
    triage.put("disposition", c.disposition());
    TriageRule rule = c.rule();
    if (rule != null) {
      triage.put("rule", rule.id());
      triage.put("origin", rule.origin().name().toLowerCase(Locale.ROOT));
      triage.put("provenance", rule.provenance().name().toLowerCase(Locale.ROOT));
    }
    triage.put("rationale", c.rationale());
    if (c.section() != null) {
      triage.set("section", section(c.section()));
    }
    triage.put("fingerprint", c.finding().fingerprint());
    return triage;
  }

  /** One finding and its verdict, for the JSON report. */
  static ObjectNode finding(Classification c) {
    Finding f = c.finding();
    ObjectNode node = NODES.objectNode();
    node.put("id", f.id());
    node.put("fingerprint", f.fingerprint());
    node.put("input", f.input());
    node.put("tool", f.tool());
    node.put("ruleId", f.ruleId());
    node.put("level", f.level());
    node.put("message", f.message());
    node.put("path", f.path());
    if (f.line() > 0) {
      node.put("line", f.line());
    }
    if (f.logicalLocation() != null) {
      node.put("logicalLocation", f.logicalLocation());
    }
    node.set("cwes", NODES.arrayNode().addAll(f.cwes().stream().map(NODES::textNode).toList()));
    ObjectNode triage = triage(c);
    triage.remove("fingerprint");
    node.setAll(triage);
    return node;
  }

  static ObjectNode section(SourceRef ref) {
    ObjectNode section = NODES.objectNode();
    section.put("file", ref.file());
    section.put("heading", ref.section());
    section.put("line", ref.line());
    return section;
  }

  /** A section as people cite it: {@code THREAT_MODEL.md § Scope (line 12)}. */
  static String cite(SourceRef ref) {
    return ref == null ? "" : ref.file() + " § " + ref.section() + " (line " + ref.line() + ")";
  }
}
