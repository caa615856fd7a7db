package dev.regard.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code triage} blocks read from real files, valid and invalid. */
class TriageBlockTest {

  @TempDir Path dir;

  /** A model whose §11a holds {@code yaml} in a triage block starting on line 6. */
  private Path model(String yaml) throws IOException {
    Path file = dir.resolve("THREAT_MODEL.md");
    Files.writeString(
        file,
        "# Demo threat model\n\n## 11a. Known non-findings\n\nSome prose.\n```triage\n"
            + yaml
            + "```\n");
    return file;
  }

  @Test
  void explicitRuleKeepsEveryField() throws IOException {
    Path file =
        model(
            """
            - id: weak-hash
              verdict: known-non-finding
              disposition: BY-DESIGN
              match:
                paths: ["./src/crypto/", "**/Hash*.java"]
                cwes: [327, CWE-328]
                rule_ids: WEAK_MESSAGE_DIGEST_MD5
                message_patterns: ["(?i)md5"]
                config_keys: [a.b]
                tags: [crypto]
                modules: [core]
              rationale: Compatibility only.
              provenance: maintainer
            """);
    TriageRule rule = ThreatModels.fromFiles(file, null).rules().rules().get(0);

    assertThat(rule.id()).isEqualTo("weak-hash");
    assertThat(rule.verdict()).isEqualTo(Verdict.KNOWN_NON_FINDING);
    assertThat(rule.disposition().label()).isEqualTo("BY-DESIGN");
    assertThat(rule.match().paths()).containsExactly("src/crypto/**", "**/Hash*.java");
    assertThat(rule.match().cwes()).containsExactly("CWE-327", "CWE-328");
    assertThat(rule.match().ruleIds()).containsExactly("WEAK_MESSAGE_DIGEST_MD5");
    assertThat(rule.match().messagePatterns()).containsExactly("(?i)md5");
    assertThat(rule.match().configKeys()).containsExactly("a.b");
    assertThat(rule.match().tags()).containsExactly("crypto");
    assertThat(rule.match().modules()).containsExactly("core");
    assertThat(rule.rationale()).isEqualTo("Compatibility only.");
    assertThat(rule.provenance()).isEqualTo(Provenance.MAINTAINER);
    assertThat(rule.origin()).isEqualTo(RuleOrigin.EXPLICIT);
    assertThat(rule.source())
        .isEqualTo(new SourceRef(file.toString(), "11a. Known non-findings", 7));
  }

  @Test
  void knownNonFindingDefaultsItsDispositionAndProvenance() throws IOException {
    Path file =
        model(
            """
            - id: r1
              verdict: known-non-finding
              match: {cwes: [CWE-1]}
              rationale: why
            """);
    TriageRule rule = ThreatModels.fromFiles(file, null).rules().rules().get(0);
    assertThat(rule.disposition().label()).isEqualTo("KNOWN-NON-FINDING");
    assertThat(rule.provenance()).isEqualTo(Provenance.UNSTATED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown verdict | '- id: r\\n  verdict: maybe\\n  match: {cwes: [1]}\\n  rationale: x\\n' | 8 | unknown verdict 'maybe'",
        "unknown key | '- id: r\\n  verdict: known-non-finding\\n  severity: high\\n  match: {cwes: [1]}\\n  rationale: x\\n' | 9 | unknown rule key 'severity'",
        "unknown match key | '- id: r\\n  verdict: known-non-finding\\n  match: {files: [a]}\\n  rationale: x\\n' | 9 | unknown match key 'files'",
        "empty match | '- id: r\\n  verdict: known-non-finding\\n  match: {}\\n  rationale: x\\n' | 9 | would match every finding",
        "invalid YAML | '- id: r\\n  verdict: [unclosed\\n' | 9 | invalid YAML in triage block",
        "not a list | 'id: r\\n' | 7 | holds a YAML list of rules",
        "missing rationale | '- id: r\\n  verdict: known-non-finding\\n  match: {cwes: [1]}\\n' | 7 | no 'rationale'",
        "bad regex | '- id: r\\n  verdict: known-non-finding\\n  match: {message_patterns: [\"(\"]}\\n  rationale: x\\n' | 9 | not a valid RE2 regular expression",
        "backtracking-only regex | '- id: r\\n  verdict: known-non-finding\\n  match: {message_patterns: [\"(a)\\\\1\"]}\\n  rationale: x\\n' | 9 | not a valid RE2 regular expression",
        "bad cwe | '- id: r\\n  verdict: known-non-finding\\n  match: {cwes: [CWE-x]}\\n  rationale: x\\n' | 9 | CWE must look like CWE-502",
        "out-of-model without disposition | '- id: r\\n  verdict: out-of-model\\n  match: {cwes: [1]}\\n  rationale: x\\n' | 7 | out-of-model needs a disposition",
        "unknown disposition | '- id: r\\n  verdict: out-of-model\\n  disposition: maybe\\n  match: {cwes: [1]}\\n  rationale: x\\n' | 9 | unknown disposition 'maybe'",
        "contradictory disposition | '- id: r\\n  verdict: out-of-model\\n  disposition: KNOWN-NON-FINDING\\n  match: {cwes: [1]}\\n  rationale: x\\n' | 9 | cannot have disposition",
        "non-finding out of model | '- id: r\\n  verdict: known-non-finding\\n  disposition: OUT-OF-MODEL:trusted-input\\n  match: {cwes: [1]}\\n  rationale: x\\n' | 9 | verdict known-non-finding cannot have disposition OUT-OF-MODEL:trusted-input",
        "unknown provenance | '- id: r\\n  verdict: known-non-finding\\n  match: {cwes: [1]}\\n  rationale: x\\n  provenance: rumour\\n' | 11 | unknown provenance 'rumour'",
        "aliases refused (reported at the fence) | '- &a {id: r}\\n- *a\\n' | 6 | invalid YAML",
        "duplicate key | '- id: r\\n  id: s\\n' | 8 | duplicate rule key 'id'",
      })
  void invalidBlocksNameFileAndLine(String name, String yaml, int line, String message)
      throws IOException {
    Path file = model(yaml.replace("\\n", "\n"));
    assertThatThrownBy(() -> ThreatModels.fromFiles(file, null))
        .isInstanceOfSatisfying(
            ThreatModelException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file.toString());
              assertThat(e.line()).isEqualTo(line);
            })
        .hasMessageContaining(message);
  }

  @Test
  void duplicateRuleIdsAcrossBlocksAreAnError() throws IOException {
    String rule =
        "- id: same\n  verdict: known-non-finding\n  match: {cwes: [1]}\n  rationale: x\n";
    Path file = dir.resolve("THREAT_MODEL.md");
    Files.writeString(
        file,
        "# T\n\n## Known non-findings\n\n```triage\n"
            + rule
            + "```\n\n```triage\n"
            + rule
            + "```\n");
    assertThatThrownBy(() -> ThreatModels.fromFiles(file, null))
        .isInstanceOfSatisfying(ThreatModelException.class, e -> assertThat(e.line()).isEqualTo(13))
        .hasMessageContaining("rule id 'same' is already used at " + file + ":6");
  }

  @Test
  void blocksInAnySectionTakeThatSectionAsSource() throws IOException {
    Path file = dir.resolve("THREAT_MODEL.md");
    Files.writeString(
        file,
        """
        # T

        ## 2. Scope

        - item
          ```triage
          - id: nested
            verdict: out-of-model
            disposition: OUT-OF-MODEL:unsupported-component
            match: {paths: [tools/**]}
            rationale: tools are out
          ```
        """);
    TriageRule rule = ThreatModels.fromFiles(file, null).rules().rules().get(0);
    assertThat(rule.source()).isEqualTo(new SourceRef(file.toString(), "2. Scope", 7));
    assertThat(rule.disposition())
        .isEqualTo(new Disposition("OUT-OF-MODEL", "unsupported-component"));
  }
}
