package dev.regard.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents that stretch the parser: other numbering, odd tables, CRLF, non-ASCII, gaps. */
class VariantsTest {

  @TempDir Path dir;

  private static Path variant(String name) {
    try {
      return Path.of(VariantsTest.class.getResource("/variants/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TriageRule rule(LoadedModel loaded, String id) {
    return loaded.rules().rules().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule " + id + " in " + loaded.rules().rules()));
  }

  @Test
  void otherNumberingAndWordingAreRecognised() {
    LoadedModel loaded = ThreatModels.fromFiles(variant("other-numbering.md"), null);
    ThreatModel model = loaded.model();

    assertThat(model.project()).isEqualTo("Widget");
    assertThat(model.sections())
        .extracting(Section::kind)
        .containsExactly(
            SectionKind.OTHER,
            SectionKind.SCOPE,
            SectionKind.ADVERSARY,
            SectionKind.TRUST_BOUNDARIES,
            SectionKind.ASSETS,
            SectionKind.OUT_OF_SCOPE,
            SectionKind.KNOWN_NON_FINDINGS,
            SectionKind.OPEN_QUESTIONS);
    assertThat(model.adversaries())
        .extracting(Claim::provenance)
        .containsExactly(Provenance.DOCUMENTED, Provenance.INFERRED);
    assertThat(model.trustBoundaries())
        .singleElement()
        .satisfies(c -> assertThat(c.provenance()).isEqualTo(Provenance.MAINTAINER));

    assertThat(loaded.rules().rules())
        .extracting(TriageRule::id)
        .containsExactly(
            "out-of-scope.contrib-plugins",
            "out-of-scope.samples",
            "out-of-scope.legacy",
            "non-finding.weak-random-in-ids",
            "non-finding.deprecated-hash");
    assertThat(rule(loaded, "out-of-scope.samples").match().components())
        .containsExactly("samples");
    TriageRule random = rule(loaded, "non-finding.weak-random-in-ids");
    assertThat(random.match().ruleIds()).containsExactly("PREDICTABLE_RANDOM");
    assertThat(random.match().cwes()).containsExactly("CWE-330");
    assertThat(random.match().paths()).containsExactly("server/src/main/java/widget/IdGen.java");
    assertThat(random.provenance()).isEqualTo(Provenance.MAINTAINER);
    assertThat(random.source().line()).isEqualTo(31);
    TriageRule hash = rule(loaded, "non-finding.deprecated-hash");
    assertThat(hash.verdict()).isEqualTo(Verdict.OUT_OF_MODEL);
    assertThat(hash.disposition().label()).isEqualTo("OUT-OF-MODEL:trusted-input");
    assertThat(hash.provenance()).isEqualTo(Provenance.INFERRED);

    assertThat(model.openQuestions())
        .extracting(OpenQuestion::open, OpenQuestion::waitingOn)
        .containsExactly(
            tuple(false, null), tuple(true, "Security Team"), tuple(true, "@alice, @bob"));
  }

  @Test
  void crlfLineEndingsGiveTheSameModel() throws IOException {
    Path lf = variant("other-numbering.md");
    Path crlf = dir.resolve("crlf.md");
    Files.writeString(crlf, Files.readString(lf).replace("\n", "\r\n"), StandardCharsets.UTF_8);
    assertThat(Files.readString(crlf)).contains("\r\n");

    List<TriageRule> expected = ThreatModels.fromFiles(lf, null).rules().rules();
    List<TriageRule> actual = ThreatModels.fromFiles(crlf, null).rules().rules();

    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      TriageRule e = expected.get(i);
      TriageRule a = actual.get(i);
      assertThat(a.id()).isEqualTo(e.id());
      assertThat(a.match()).isEqualTo(e.match());
      assertThat(a.rationale()).isEqualTo(e.rationale());
      assertThat(a.source().line()).isEqualTo(e.source().line());
      assertThat(a.source().section()).isEqualTo(e.source().section());
    }
  }

  @Test
  void tablesWithoutTheExpectedColumnsStillYieldWhatTheySay() {
    LoadedModel loaded = ThreatModels.fromFiles(variant("odd-tables.md"), null);
    ThreatModel model = loaded.model();

    // No in-scope column in a scope section: the rows are what is covered.
    assertThat(model.components())
        .extracting(Component::name, Component::inScope, Component::paths, Component::modules)
        .containsExactly(
            tuple("engine", true, List.of(), List.of("engine")),
            tuple("api", true, List.of(), List.of("api")),
            tuple("tools/", false, List.of("tools/**"), List.of()),
            tuple("Everything the operator configures", false, List.of(), List.of()));
    // No default column: controls without defaults.
    assertThat(model.controls())
        .extracting(
            SecurityControl::name, SecurityControl::configKey, SecurityControl::defaultValue)
        .containsExactly(
            tuple("oddity.max.bytes", "oddity.max.bytes", null),
            tuple("Rate limiting", null, null));
    // Rows with more cells than the header lose the extra cells, not the row.
    assertThat(model.nonFindings())
        .extracting(NonFinding::title)
        .containsExactly("CWE-79 in web/static/**", "Too many cells", "Vague complaint");
    assertThat(loaded.rules().rules())
        .extracting(TriageRule::id)
        .containsExactly("out-of-scope.tools", "non-finding.cwe-79-in-web-static");
    // A status column decides; an owner column says whom a question waits on.
    assertThat(model.openQuestions())
        .extracting(OpenQuestion::open, OpenQuestion::waitingOn)
        .containsExactly(tuple(true, "Release team"), tuple(false, null));
  }

  @Test
  void nonAsciiTextIsKept() {
    LoadedModel loaded = ThreatModels.fromFiles(variant("non-ascii.md"), null);
    ThreatModel model = loaded.model();

    assertThat(model.project()).isEqualTo("Projekt Größe — Bedrohungsmodell");
    assertThat(model.components())
        .extracting(Component::name, Component::inScope)
        .containsExactly(tuple("Kern", true), tuple("Beispiele", false));
    assertThat(model.adversaries().get(0).text()).contains("„untrusted“");
    assertThat(model.nonFindings()).extracting(NonFinding::title).contains("日本語の説明");
    TriageRule random = rule(loaded, "non-finding.schwacher-zufall-in-daten-zufallig");
    assertThat(random.match().paths()).containsExactly("daten/zufällig/**");
    assertThat(random.match().cwes()).containsExactly("CWE-338");
    assertThat(model.openQuestions())
        .singleElement()
        .satisfies(q -> assertThat(q.waitingOn()).isEqualTo("Prüfer-Team"));
  }

  /**
   * Long runs that make backtracking regular expressions recurse once per repetition (and overflow
   * the stack) are read like any other text.
   */
  @Test
  void longRepetitionsNeitherOverflowNorFail() throws IOException {
    Path file = dir.resolve("long.md");
    Files.writeString(
        file,
        "# Long\n\n## Known non-findings\n\n- `"
            + "a.".repeat(300_000)
            + "b` flagged by rule "
            + "A_".repeat(300_000)
            + "B\n\n## Open questions\n\n- "
            + "Pending A".repeat(100_000)
            + "\n\n## Controls\n\n- `x.y`"
            + " at".repeat(200_000)
            + "\n");

    ThreatModel model = ThreatModels.fromFiles(file, null).model();

    assertThat(model.nonFindings())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.criteria().configKeys())
                  .singleElement()
                  .satisfies(k -> assertThat(k).hasSize(600_001));
              assertThat(n.criteria().ruleIds())
                  .singleElement()
                  .satisfies(r -> assertThat(r).hasSize(600_001));
            });
    assertThat(model.openQuestions()).singleElement().satisfies(q -> assertThat(q.open()).isTrue());
    assertThat(model.controls()).extracting(SecurityControl::configKey).containsExactly("x.y");
  }

  @Test
  void missingSectionsAreLintedNotGuessed() {
    LoadedModel loaded = ThreatModels.fromFiles(variant("missing-sections.md"), null);

    assertThat(loaded.rules().rules()).isEmpty();
    List<LintFinding> findings = Lint.check(loaded);
    assertThat(findings)
        .filteredOn(f -> f.severity().equals(LintFinding.ERROR))
        .extracting(LintFinding::message)
        .containsExactly("missing section: adversary", "missing section: trust boundaries");
    assertThat(findings)
        .extracting(LintFinding::message)
        .contains(
            "missing section: known non findings",
            "in-scope component 'Core' names no path or module",
            "no SECURITY.md read: reporting channel and supported versions unknown");
  }
}
