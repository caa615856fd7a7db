package dev.regard.triage.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.Disposition;
import dev.regard.triage.classify.Classification;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.input.JsonInput;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An OpenVEX 0.2.0 document: one statement per finding that names a vulnerability (a CVE or GHSA id
 * in its rule id, tags or message). Excluded findings become {@code not_affected} with the model's
 * rationale as impact statement; in-scope findings stay {@code under_investigation}, since triage
 * alone never shows that a product is unaffected. Findings naming no vulnerability are left out.
 * Statements are held until the end (the document's array must hold no duplicates).
 */
public final class OpenVexReport implements ReportSink {
  static final String CONTEXT = "https://openvex.dev/ns/v0.2.0";

  private static final Pattern VULNERABILITY =
      Pattern.compile("(?i)\\b(CVE-\\d{4}-\\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\\b");

  /**
   * OpenVEX justification per disposition; dispositions not listed get an impact statement only.
   */
  private static final Map<String, String> JUSTIFICATIONS =
      Map.of(
          "OUT-OF-MODEL:trusted-input",
          "vulnerable_code_cannot_be_controlled_by_adversary",
          "OUT-OF-MODEL:adversary-not-in-scope",
          "vulnerable_code_cannot_be_controlled_by_adversary",
          "OUT-OF-MODEL:unsupported-component",
          "component_not_present",
          "OUT-OF-MODEL:non-default-build",
          "vulnerable_code_not_in_execute_path",
          Disposition.KNOWN_NON_FINDING,
          "vulnerable_code_not_present");

  private final OutputStream out;
  private final ReportHeader header;
  private final Instant now;
  private final Set<ObjectNode> statements = new LinkedHashSet<>();

  public OpenVexReport(OutputStream out, ReportHeader header, Instant now) {
    this.out = out;
    this.header = header;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  @Override
  public void accept(Classification c) {
    List<String> ids = vulnerabilities(c.finding());
    if (ids.isEmpty()) {
      return;
    }
    ObjectNode statement = ClassificationJson.NODES.objectNode();
    ObjectNode vulnerability = statement.putObject("vulnerability");
    vulnerability.put("name", ids.get(0));
    if (ids.size() > 1) {
      ArrayNode aliases = vulnerability.putArray("aliases");
      ids.subList(1, ids.size()).forEach(aliases::add);
    }
    Finding f = c.finding();
    statement.put(
        "status_notes",
        "scan-triage: "
            + c.verdict().id()
            + " ("
            + c.disposition()
            + ") for "
            + f.tool()
            + " finding "
            + f.id()
            + " at "
            + f.displayLocation());
    if (c.verdict().excluded()) {
      statement.put("status", "not_affected");
      String justification = JUSTIFICATIONS.get(c.disposition());
      if (justification != null) {
        statement.put("justification", justification);
      }
      statement.put("impact_statement", SarifAnnotation.justification(c));
    } else {
      // Nothing in the model excludes it: someone has to look. Never not_affected.
      statement.put("status", "under_investigation");
    }
    statements.add(statement);
  }

  @Override
  public void finish(Tally tally) throws IOException {
    if (statements.isEmpty()) {
      throw new IllegalArgumentException(
          "no finding names a vulnerability (a CVE- or GHSA- id in its rule id, tags or message);"
              + " an OpenVEX document needs at least one statement");
    }
    ObjectNode doc = ClassificationJson.NODES.objectNode();
    doc.put("@context", CONTEXT);
    doc.put("@id", "urn:uuid:" + UUID.randomUUID());
    doc.put("author", header.project() + " threat model, applied by scan-triage");
    doc.put("timestamp", now.toString());
    doc.put("version", 1);
    doc.put("tooling", "scan-triage against " + header.modelFile());
    ArrayNode array = doc.putArray("statements");
    statements.forEach(array::add);
    try (JsonGenerator g = JsonInput.MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeTree(doc);
    }
  }

  /** The distinct vulnerability ids a finding names, upper-case, rule id first. */
  static List<String> vulnerabilities(Finding f) {
    Set<String> ids = new LinkedHashSet<>();
    List<String> texts = new ArrayList<>();
    texts.add(f.ruleId() == null ? "" : f.ruleId());
    texts.addAll(f.tags());
    texts.add(f.message());
    for (String text : texts) {
      Matcher m = VULNERABILITY.matcher(text);
      while (m.find()) {
        String id = m.group(1);
        ids.add(
            id.regionMatches(true, 0, "GHSA", 0, 4)
                ? "GHSA" + id.substring(4).toLowerCase()
                : id.toUpperCase());
      }
    }
    return List.copyOf(ids);
  }
}
