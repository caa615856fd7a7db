package dev.regard.triage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regard.triage.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  static final Path MODEL = Path.of("src/test/resources/kafka-model");
  static final String CODEQL = Fixtures.example("codeql.sarif").toString();
  static final String SEMGREP = Fixtures.example("semgrep.sarif").toString();
  static final String TRIVY = Fixtures.example("trivy.sarif").toString();

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ScanTriage.run(args, out, err);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String[] classify(String... rest) {
    List<String> args = new ArrayList<>(List.of("classify", "--repo", MODEL.toString()));
    args.addAll(List.of(rest));
    return args.toArray(String[]::new);
  }

  @Test
  void inScopeFindingsExitOneAndExcludedOnesAreCounted() throws Exception {
    Run r = run(classify("--format", "json", CODEQL, SEMGREP, TRIVY));
    assertThat(r.code()).isEqualTo(ScanTriage.FINDINGS);
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertThat(report.at("/summary/total").asInt()).isEqualTo(7);
    assertThat(report.at("/summary/byVerdict/out-of-model").asInt()).isEqualTo(3);
    assertThat(report.at("/summary/byRule/out-of-scope.trogdor").asInt()).isEqualTo(1);
    assertThat(report.at("/summary/byRule/out-of-scope.system-tests").asInt()).isEqualTo(2);
    assertThat(report.at("/model/discovery/0").asText()).contains("AGENTS.md");
  }

  @Test
  void failOnRaisesTheBar() {
    // Semgrep's in-scope finding is a note; the excluded one is a warning.
    assertThat(run(classify("--fail-on", "warning", SEMGREP)).code()).isEqualTo(ScanTriage.OK);
    assertThat(run(classify("--fail-on", "note", SEMGREP)).code()).isEqualTo(ScanTriage.FINDINGS);
    assertThat(run(classify("--fail-on", "error", CODEQL)).code()).isEqualTo(ScanTriage.FINDINGS);
  }

  @Test
  void sarifReportGoesToTheOutputFileAndNothingElseIsLeft() throws Exception {
    Path out = dir.resolve("triaged.sarif");
    Run r = run(classify("--format", "sarif", "-o", out.toString(), TRIVY));
    assertThat(r.code()).isEqualTo(ScanTriage.FINDINGS);
    assertThat(r.out()).isEmpty();
    JsonNode sarif = new ObjectMapper().readTree(out.toFile());
    assertThat(sarif.at("/runs/0/results/0/suppressions/0/justification").asText())
        .contains("out-of-model", "THREAT_MODEL.md § Scope (line 9)");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void aTruncatedInputLeavesNoReportAndExitsTwo() throws Exception {
    Path cut = dir.resolve("cut.sarif");
    String full = Files.readString(Path.of(CODEQL));
    Files.writeString(cut, full.substring(0, full.length() - 40));
    Path out = dir.resolve("report.md");
    Files.writeString(out, "previous report");
    Run r = run(classify("-o", out.toString(), CODEQL, cut.toString()));
    assertThat(r.code()).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(r.err()).contains("cut.sarif:", "truncated input");
    assertThat(Files.readString(out)).isEqualTo("previous report");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(cut, out);
    }
  }

  @Test
  void badInputsAndUsageExitTwoWithAClearMessage() throws Exception {
    Run missing = run(classify(dir.resolve("nope.sarif").toString()));
    assertThat(missing.code()).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(missing.err()).contains("nope.sarif: no such file");

    Path v2 = dir.resolve("v2.sarif");
    Files.writeString(v2, "{\"version\": \"2.0.0\", \"runs\": []}");
    assertThat(run(classify(v2.toString())).err()).contains("unsupported SARIF version '2.0.0'");

    Run noModel = run("classify", "--repo", dir.toString(), CODEQL);
    assertThat(noModel.code()).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(noModel.err()).contains("AGENTS.md");

    Run missingFile =
        run("classify", "--threat-model", dir.resolve("THREAT_MODEL.md").toString(), CODEQL);
    assertThat(missingFile.code()).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(missingFile.err()).contains("THREAT_MODEL.md");

    assertThat(run(classify("--format", "pdf", CODEQL)).err()).contains("unknown format 'pdf'");
    assertThat(run(classify("--fail-on", "high", CODEQL)).err()).contains("unknown level 'high'");
    assertThat(run("classify", "--repo", ".", "--threat-model", "x.md", CODEQL).err())
        .contains("--repo cannot be combined");
    assertThat(run(classify("-o", dir.resolve("no/such/dir/r.md").toString(), CODEQL)).err())
        .contains("does not exist");
    assertThat(run("classify").code()).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(run("frobnicate").code()).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(
            run(classify("--format", "sarif", Fixtures.example("agent-findings.json").toString()))
                .err())
        .contains("SARIF output needs SARIF input");
  }

  @Test
  void explicitModelFilesWork() {
    Run r =
        run(
            "classify",
            "--threat-model",
            MODEL.resolve("THREAT_MODEL.md").toString(),
            "--security",
            MODEL.resolve("SECURITY.md").toString(),
            "--format",
            "md",
            TRIVY);
    assertThat(r.code()).isEqualTo(ScanTriage.FINDINGS);
    assertThat(r.out()).contains("| out-of-model | 1 |", "MODEL-GAP");
  }

  @Test
  void explainShowsTheRulesTriedAndTheVerdict() {
    Run byIndex = run("explain", "--repo", MODEL.toString(), TRIVY + "#1");
    assertThat(byIndex.code()).isEqualTo(ScanTriage.OK);
    assertThat(byIndex.out())
        .contains("Finding trivy.sarif#1", "tests/docker/gradle.lockfile")
        .contains("out-of-scope.system-tests [derived, out-of-model] MATCHED")
        .contains("+ paths: [tests/**] vs tests/docker/gradle.lockfile")
        .contains("Verdict: out-of-model (OUT-OF-MODEL:unsupported-component)")
        .contains("section: THREAT_MODEL.md § Scope (line 9)");
    // Explicit rules are tried first and did not match.
    assertThat(byIndex.out().indexOf("config-file-paths"))
        .isLessThan(byIndex.out().indexOf("out-of-scope.system-tests"));

    String fingerprint = byIndex.out().replaceAll("(?s).*\\(fingerprint ([0-9a-f]+)\\).*", "$1");
    Run byFingerprint = run("explain", "--repo", MODEL.toString(), fingerprint, TRIVY);
    assertThat(byFingerprint.out()).contains("Finding trivy.sarif#1");

    Run inScope = run("explain", "--repo", MODEL.toString(), "trivy.sarif#2", TRIVY);
    assertThat(inScope.out()).contains("Verdict: in-scope (MODEL-GAP)", "docker/Dockerfile");

    Run unknown = run("explain", "--repo", MODEL.toString(), "trivy.sarif#9", TRIVY);
    assertThat(unknown.code()).isEqualTo(ScanTriage.INPUT_ERROR);
    assertThat(unknown.err()).contains("no finding trivy.sarif#9");
  }

  @Test
  void modelPrintsDiscoveryModelAndRules() throws Exception {
    Run yaml = run("model", "--repo", MODEL.toString());
    assertThat(yaml.code()).isEqualTo(ScanTriage.OK);
    assertThat(yaml.out()).contains("discovery:", "components:", "config-file-paths");
    Run json = run("model", "--repo", MODEL.toString(), "--format", "json");
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.at("/rules/schemaVersion").asText()).isEqualTo("1");
    assertThat(doc.at("/rules/rules")).hasSize(7);
  }

  @Test
  void lintReportsWarningsWithTheirPlaceAndExitsZeroWithoutErrors() {
    Run r = run("lint", "--repo", MODEL.toString());
    assertThat(r.code()).isEqualTo(ScanTriage.OK);
    assertThat(r.out())
        .contains("warning: THREAT_MODEL.md:73 [Open questions]: open question: Should regular")
        .contains("warning: THREAT_MODEL.md: missing section: assets")
        .contains("problem(s).");
  }

  @Test
  void versionAndHelpWork() {
    assertThat(run("--version").out()).startsWith("scan-triage ");
    Run help = run("classify", "--help");
    assertThat(help.code()).isEqualTo(ScanTriage.OK);
    assertThat(help.out()).contains("--fail-on", "--format", "FINDINGS");
  }
}
