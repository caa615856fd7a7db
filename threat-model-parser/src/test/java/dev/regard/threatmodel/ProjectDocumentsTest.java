package dev.regard.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's own AGENTS.md, SECURITY.md and THREAT_MODEL.md, read from the repository root. */
class ProjectDocumentsTest {

  private static Path root;
  private static LoadedModel loaded;

  @BeforeAll
  static void load() {
    String property = System.getProperty("regard.repository.root");
    assumeTrue(property != null, "regard.repository.root is not set (run through Maven)");
    root = Path.of(property);
    assumeTrue(
        Files.isRegularFile(root.resolve("AGENTS.md")),
        "the repository root " + root + " has no AGENTS.md yet");
    loaded = ThreatModels.fromRepository(root);
  }

  @Test
  void discoveryFollowsLinksFromAgentsToSecurityToThreatModel() {
    assertThat(loaded.discovery()).hasSize(3);
    assertThat(loaded.discovery().get(0)).isEqualTo("repository root -> AGENTS.md");
    assertThat(loaded.discovery().get(1)).startsWith("AGENTS.md -> SECURITY.md (link '");
    // AGENTS.md names the model itself, and its pointer comes first.
    assertThat(loaded.discovery().get(2)).startsWith("AGENTS.md -> THREAT_MODEL.md (link '");
  }

  @Test
  void projectNameComesFromTheTitle() {
    assertThat(loaded.model().project()).isEqualTo("Regard");
  }

  @Test
  void everyTriageBlockRuleIsReadAsExplicit() throws IOException {
    List<String> idsInText = new java.util.ArrayList<>();
    for (String file : List.of("THREAT_MODEL.md", "SECURITY.md")) {
      idsInText.addAll(triageIds(Files.readString(root.resolve(file))));
    }
    assertThat(idsInText).isNotEmpty();
    assertThat(loaded.rules().rules())
        .filteredOn(r -> r.origin() == RuleOrigin.EXPLICIT)
        .extracting(TriageRule::id)
        .containsExactlyElementsOf(idsInText);
  }

  @Test
  void everyOutOfScopeRowOfTheScopeTableYieldsARule() {
    List<Component> outOfScopeRows =
        loaded.model().components().stream()
            .filter(c -> !c.inScope() && !c.paths().isEmpty())
            .filter(c -> c.source().section().toLowerCase().contains("component"))
            .toList();
    assertThat(outOfScopeRows).isNotEmpty();
    for (Component row : outOfScopeRows) {
      assertThat(loaded.rules().rules())
          .anySatisfy(
              rule -> {
                assertThat(rule.origin()).isEqualTo(RuleOrigin.DERIVED);
                assertThat(rule.verdict()).isEqualTo(Verdict.OUT_OF_MODEL);
                assertThat(rule.disposition().label())
                    .isEqualTo("OUT-OF-MODEL:unsupported-component");
                assertThat(rule.match().paths()).containsExactlyElementsOf(row.paths());
                assertThat(rule.source()).isEqualTo(row.source());
              });
    }
  }

  @Test
  void everyRuleIsCompleteAndPointsIntoTheDocuments() {
    assertThat(loaded.rules().schemaVersion()).isEqualTo("1");
    assertThat(loaded.rules().rules())
        .allSatisfy(
            rule -> {
              assertThat(rule.match().isEmpty()).isFalse();
              assertThat(rule.rationale()).isNotBlank();
              assertThat(rule.source().file()).isIn("THREAT_MODEL.md", "SECURITY.md");
              assertThat(rule.source().line()).isPositive();
              assertThat(rule.source().section()).isNotBlank();
            });
  }

  @Test
  void sectionsTheLinterRequiresArePresent() {
    assertThat(Lint.check(loaded)).noneMatch(f -> f.severity().equals(LintFinding.ERROR));
    assertThat(loaded.model().securityPolicy()).isNotNull();
    assertThat(loaded.model().securityPolicy().reportingChannels()).isNotEmpty();
  }

  @Test
  void rulesSurviveAJsonRoundTrip() {
    RulesDocument rules = loaded.rules();
    assertThat(RulesDocument.fromJson(rules.toJson())).isEqualTo(rules);
  }

  /** Rule ids written in {@code triage} blocks, found by a plain scan of the text. */
  private static List<String> triageIds(String text) {
    List<String> ids = new java.util.ArrayList<>();
    Matcher block = Pattern.compile("(?ms)^\\s*```triage\\s*$(.*?)^\\s*```\\s*$").matcher(text);
    while (block.find()) {
      Matcher id = Pattern.compile("(?m)^\\s*-\\s+id:\\s*(\\S+)").matcher(block.group(1));
      while (id.find()) {
        ids.add(id.group(1));
      }
    }
    return ids;
  }
}
