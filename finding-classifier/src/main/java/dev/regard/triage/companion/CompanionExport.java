package dev.regard.triage.companion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.threatmodel.Claim;
import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.LoadedModel;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.NonFinding;
import dev.regard.threatmodel.OpenQuestion;
import dev.regard.threatmodel.Section;
import dev.regard.threatmodel.SecurityControl;
import dev.regard.threatmodel.SecurityPolicy;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.ThreatModel;
import dev.regard.threatmodel.TriageRule;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The threat model as its machine-readable companion: one JSON document, versioned, with every part
 * of the model the parser yields and a citation ({@code file}, {@code heading}, {@code line}) on
 * every statement. This is the only place that maps the model to the companion: when the model
 * gains a part, it gains a member here and in {@code docs/threat-model-companion.schema.json}.
 *
 * <p>The document holds no timestamp or absolute path, so exporting the same Markdown twice gives
 * the same bytes, and a committed companion can be compared with a fresh export.
 */
public final class CompanionExport {
  /** The companion format's version; raised when a member changes meaning or is removed. */
  public static final String VERSION = "1";

  /** The schema's identifier, written as {@code $schema}. */
  public static final String SCHEMA_ID =
      "https://regard.dev/schemas/threat-model-companion-" + VERSION + ".json";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CompanionExport() {}

  /** The companion of a loaded model. */
  public static ObjectNode of(LoadedModel loaded) {
    ThreatModel m = loaded.model();
    ObjectNode doc = NODES.objectNode();
    doc.put("$schema", SCHEMA_ID);
    doc.put("companionVersion", VERSION);
    doc.put("project", m.project());
    ObjectNode source = doc.putObject("source");
    source.put("threatModel", m.file());
    source.put("securityPolicy", m.securityPolicy() == null ? null : m.securityPolicy().file());
    source.set("discovery", strings(loaded.discovery()));
    ObjectNode scope = doc.putObject("scope");
    ArrayNode inScope = scope.putArray("inScope");
    ArrayNode outOfScope = scope.putArray("outOfScope");
    for (Component c : m.components()) {
      (c.inScope() ? inScope : outOfScope).add(component(c));
    }
    doc.set("adversaries", array(m.adversaries(), CompanionExport::claim));
    doc.set("trustBoundaries", array(m.trustBoundaries(), CompanionExport::claim));
    doc.set("assets", array(m.assets(), CompanionExport::claim));
    doc.set("controls", array(m.controls(), CompanionExport::control));
    doc.set("nonFindings", array(m.nonFindings(), CompanionExport::nonFinding));
    doc.set("dispositions", array(loaded.rules().rules(), CompanionExport::rule));
    doc.set("openQuestions", array(m.openQuestions(), CompanionExport::question));
    doc.set("securityPolicy", policy(m.securityPolicy()));
    doc.set("sections", array(m.sections(), CompanionExport::section));
    return doc;
  }

  private static ObjectNode component(Component c) {
    ObjectNode node = NODES.objectNode();
    node.put("name", c.name());
    node.set("paths", strings(c.paths()));
    node.put("note", c.note());
    node.put("provenance", c.provenance().id());
    node.set("citation", citation(c.source()));
    return node;
  }

  private static ObjectNode claim(Claim c) {
    ObjectNode node = NODES.objectNode();
    node.put("text", c.text());
    node.put("provenance", c.provenance().id());
    node.set("citation", citation(c.source()));
    return node;
  }

  private static ObjectNode control(SecurityControl c) {
    ObjectNode node = NODES.objectNode();
    node.put("name", c.name());
    node.put("configKey", c.configKey());
    node.put("default", c.defaultValue());
    node.put("description", c.description());
    node.put("provenance", c.provenance().id());
    node.set("citation", citation(c.source()));
    return node;
  }

  private static ObjectNode nonFinding(NonFinding n) {
    ObjectNode node = NODES.objectNode();
    node.put("title", n.title());
    node.put("text", n.text());
    node.set("criteria", criteria(n.criteria()));
    node.set("ruleIds", strings(n.explicitRuleIds()));
    node.put("ruleWaived", n.ruleWaived());
    node.put("provenance", n.provenance().id());
    node.set("citation", citation(n.source()));
    return node;
  }

  private static ObjectNode rule(TriageRule r) {
    ObjectNode node = NODES.objectNode();
    node.put("id", r.id());
    node.put("verdict", r.verdict().id());
    node.put("disposition", r.disposition().label());
    node.set("criteria", criteria(r.match()));
    node.put("rationale", r.rationale());
    node.put("provenance", r.provenance().id());
    node.put("origin", r.origin().id());
    node.set("citation", citation(r.source()));
    return node;
  }

  private static ObjectNode question(OpenQuestion q) {
    ObjectNode node = NODES.objectNode();
    node.put("text", q.text());
    node.put("open", q.open());
    node.put("waitingOn", q.waitingOn());
    node.set("citation", citation(q.source()));
    return node;
  }

  private static JsonNode policy(SecurityPolicy p) {
    if (p == null) {
      return NODES.nullNode();
    }
    ObjectNode node = NODES.objectNode();
    node.put("file", p.file());
    node.set("reportingChannels", strings(p.reportingChannels()));
    node.set("supportedVersions", strings(p.supportedVersions()));
    return node;
  }

  private static ObjectNode section(Section s) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    node.put("heading", s.heading());
    node.put("level", s.level());
    node.set("citation", citation(s.source()));
    return node;
  }

  /** Every criterion, empty ones included, so that the document's shape does not vary. */
  private static ObjectNode criteria(MatchCriteria c) {
    ObjectNode node = NODES.objectNode();
    node.set("paths", strings(c.paths()));
    node.set("modules", strings(c.modules()));
    node.set("ruleIds", strings(c.ruleIds()));
    node.set("cwes", strings(c.cwes()));
    node.set("tags", strings(c.tags()));
    node.set("messagePatterns", strings(c.messagePatterns()));
    node.set("configKeys", strings(c.configKeys()));
    return node;
  }

  /** Where a statement is written: the same shape as a triage report's {@code section}. */
  static ObjectNode citation(SourceRef ref) {
    ObjectNode node = NODES.objectNode();
    node.put("file", ref == null ? "" : ref.file());
    node.put("heading", ref == null ? "" : ref.section());
    node.put("line", ref == null ? 0 : ref.line());
    return node;
  }

  private static <T> ArrayNode array(List<T> items, Function<T, ? extends JsonNode> map) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(item -> array.add(map.apply(item)));
    return array;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
