package dev.regard.triage.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.threatmodel.Lint;
import dev.regard.threatmodel.LintFinding;
import dev.regard.threatmodel.LoadedModel;
import dev.regard.threatmodel.ThreatModels;
import dev.regard.triage.TriageRun;
import dev.regard.triage.classify.Classifier;
import dev.regard.triage.companion.CompanionExport;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.finding.PathNormalizer;
import dev.regard.triage.input.FindingIds;
import dev.regard.triage.input.FindingsReader;
import dev.regard.triage.input.JsonInput;
import dev.regard.triage.output.ExplanationJson;
import dev.regard.triage.output.ReportHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the MCP tools do, independent of the protocol: read the model of a repository, classify
 * findings, explain one finding. Each takes the call's arguments and returns a JSON object, or
 * throws {@link ToolInputException} (and the model's and readers' own exceptions) for bad input.
 */
final class TriageTools {
  static final String READ_MODEL = "read_model";
  static final String CLASSIFY = "classify_findings";
  static final String EXPLAIN = "explain_finding";

  private final Path defaultRepo;

  /**
   * @param defaultRepo the repository used when a call names none
   */
  TriageTools(Path defaultRepo) {
    this.defaultRepo = defaultRepo;
  }

  /**
   * The model as its companion (chain followed, scope, non-findings, open questions...) and lint.
   */
  ObjectNode readModel(Map<String, Object> arguments) {
    ToolArguments args = new ToolArguments(READ_MODEL, arguments, List.of("repo"));
    LoadedModel loaded = ThreatModels.fromRepository(args.repository(defaultRepo));
    ObjectNode result = CompanionExport.of(loaded);
    var lint = result.putArray("lint");
    for (LintFinding f : Lint.check(loaded)) {
      ObjectNode node = lint.addObject().put("severity", f.severity()).put("message", f.message());
      if (f.source() != null) {
        node.put("at", f.source().toString());
      }
    }
    return result;
  }

  /** The JSON report: every finding with verdict, disposition, rule, provenance and citation. */
  ObjectNode classify(Map<String, Object> arguments) throws IOException {
    ToolArguments args =
        new ToolArguments(CLASSIFY, arguments, List.of("repo", "file", "findings", "sarif"));
    Path repo = args.repository(defaultRepo);
    LoadedModel loaded = ThreatModels.fromRepository(repo);
    try (Findings findings = Findings.of(args)) {
      TriageRun run =
          new TriageRun(Classifier.of(loaded, repo, false), new PathNormalizer(repo), null);
      ReportHeader header =
          new ReportHeader(
              loaded.rules().project(),
              loaded.model().file(),
              loaded.discovery(),
              loaded.rules().rules().size());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      run.write(List.of(findings.input()), TriageRun.Format.JSON, header, out);
      ObjectNode report = (ObjectNode) JsonInput.MAPPER.readTree(out.toByteArray());
      for (JsonNode finding : report.path("findings")) {
        ((ObjectNode) finding).put("citation", citation(finding.get("section")));
      }
      return report;
    }
  }

  /** One finding, every rule tried on it in precedence order, and the verdict. */
  ObjectNode explain(Map<String, Object> arguments) throws IOException {
    ToolArguments args =
        new ToolArguments(
            EXPLAIN, arguments, List.of("repo", "file", "findings", "sarif", "finding"));
    String ref = args.text("finding");
    if (ref == null || ref.isBlank()) {
      throw new ToolInputException(
          EXPLAIN + ": 'finding' is required: <file>#<n>, #<n> or a fingerprint");
    }
    Path repo = args.repository(defaultRepo);
    Classifier classifier = Classifier.of(ThreatModels.fromRepository(repo), repo, false);
    try (Findings findings = Findings.of(args)) {
      TriageRun.Input input = findings.input();
      String wanted = ref.startsWith("#") ? input.name() + ref : ref;
      Finding[] found = new Finding[1];
      new FindingsReader(new PathNormalizer(repo), null)
          .read(
              input.file(),
              input.name(),
              f -> {
                if (found[0] == null && FindingIds.refersTo(wanted, f)) {
                  found[0] = f;
                }
              });
      if (found[0] == null) {
        throw new ToolInputException(
            EXPLAIN + ": no finding " + ToolArguments.clip(ref) + " in " + input.name());
      }
      return ExplanationJson.of(classifier.explain(found[0]));
    }
  }

  private static String citation(JsonNode section) {
    if (section == null || section.isNull()) {
      return "";
    }
    return section.path("file").asText()
        + " § "
        + section.path("heading").asText()
        + " (line "
        + section.path("line").asInt()
        + ")";
  }

  /** The findings of a call: a file as named, or inline findings spooled to a private file. */
  private record Findings(TriageRun.Input input, Path spool) implements AutoCloseable {
    static Findings of(ToolArguments args) throws IOException {
      String source = args.source();
      if ("file".equals(source)) {
        Path file = args.findingsFile();
        return new Findings(new TriageRun.Input(file, file.toString()), null);
      }
      byte[] json = args.inline(source);
      String suffix = "sarif".equals(source) ? ".sarif" : ".json";
      Path spool = Files.createTempFile("scan-triage-mcp-", suffix);
      Files.write(spool, json);
      return new Findings(new TriageRun.Input(spool, "inline" + suffix), spool);
    }

    @Override
    public void close() throws IOException {
      if (spool != null) {
        Files.deleteIfExists(spool);
      }
    }
  }
}
