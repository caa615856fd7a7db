package dev.regard.triage.output;

import static dev.regard.triage.Fixtures.match;
import static dev.regard.triage.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.Verdict;
import dev.regard.triage.Fixtures;
import dev.regard.triage.TriageRun;
import dev.regard.triage.classify.Classifier;
import dev.regard.triage.classify.TriageVerdict;
import dev.regard.triage.finding.Level;
import dev.regard.triage.finding.PathNormalizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static final ReportHeader HEADER =
      new ReportHeader("Apache Kafka", "THREAT_MODEL.md", List.of("AGENTS.md -> SECURITY.md"), 1);
  private static final List<Path> INPUTS =
      List.of(
          Fixtures.example("codeql.sarif"),
          Fixtures.example("semgrep.sarif"),
          Fixtures.example("agent-findings.json"));

  private final Classifier classifier =
      new Classifier(
          List.of(
              rule(
                  "tests",
                  Verdict.OUT_OF_MODEL,
                  "OUT-OF-MODEL:unsupported-component",
                  RuleOrigin.DERIVED,
                  match(List.of("tests/**"), List.of(), List.of(), List.of()))),
          List.of(
              new Component(
                  "clients",
                  true,
                  List.of("clients/**"),
                  "",
                  Provenance.DOCUMENTED,
                  new SourceRef("THREAT_MODEL.md", "Scope", 3))));

  private String run(TriageRun.Format format, Tally[] tally) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tally[0] =
        new TriageRun(classifier, new PathNormalizer(null), null)
            .write(
                INPUTS.stream()
                    .map(p -> new TriageRun.Input(p, p.getFileName().toString()))
                    .toList(),
                format,
                HEADER,
                out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonHasOneObjectPerFindingAndASummaryThatAddsUp() throws Exception {
    Tally[] tally = new Tally[1];
    JsonNode report = new ObjectMapper().readTree(run(TriageRun.Format.JSON, tally));
    assertThat(report.at("/model/project").asText()).isEqualTo("Apache Kafka");
    assertThat(report.get("findings")).hasSize(7);
    assertThat(report.at("/summary/total").asInt()).isEqualTo(7);
    int sum = 0;
    for (TriageVerdict v : TriageVerdict.values()) {
      sum += report.at("/summary/byVerdict/" + v.id()).asInt();
    }
    assertThat(sum).isEqualTo(7);
    assertThat(report.at("/summary/byVerdict/out-of-model").asInt()).isEqualTo(1);
    JsonNode tlsFinding = report.get("findings").get(3);
    assertThat(tlsFinding.get("id").asText()).isEqualTo("semgrep.sarif#1");
    assertThat(tlsFinding.get("verdict").asText()).isEqualTo("out-of-model");
    assertThat(tlsFinding.get("rule").asText()).isEqualTo("tests");
    assertThat(tlsFinding.at("/section/heading").asText()).isEqualTo("Section of tests");
    JsonNode agent = report.get("findings").get(5);
    assertThat(agent.get("id").asText()).isEqualTo("agent-findings.json#1");
    assertThat(agent.get("disposition").asText()).isEqualTo("VALID");
    assertThat(agent.get("cwes").get(0).asText()).isEqualTo("CWE-208");
    assertThat(tally[0].inScopeAtLeast(Level.NONE)).isEqualTo(6);
    assertThat(tally[0].inScopeAtLeast(Level.ERROR)).isEqualTo(2);
  }

  @Test
  void markdownHasSummaryTablesThenTheInScopeFindings() throws Exception {
    Tally[] tally = new Tally[1];
    String md = run(TriageRun.Format.MD, tally);
    assertThat(md).startsWith("# scan-triage report: Apache Kafka");
    assertThat(md).contains("| in-scope | 6 |", "| out-of-model | 1 |", "| **total** | **7** |");
    assertThat(md).contains("| `tests` | out-of-model | OUT-OF-MODEL:unsupported-component |");
    assertThat(md).contains("## In-scope findings (6)");
    assertThat(md.indexOf("## By verdict")).isLessThan(md.indexOf("## In-scope findings"));
    assertThat(md).contains("| codeql.sarif#1 | error | `java/unsafe-deserialization` |");
    assertThat(md).contains("MODEL-GAP"); // connect/runtime lies in no in-scope component
    assertThat(md).doesNotContain("semgrep.sarif#1 |"); // excluded findings are only counted
  }
}
