package dev.regard.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesDocumentTest {

  private static final TriageRule RULE =
      new TriageRule(
          "r1",
          Verdict.OUT_OF_MODEL,
          Disposition.parse("OUT-OF-MODEL:trusted-input"),
          new MatchCriteria(
              List.of("cli/**"),
              null,
              List.of("PATH_TRAVERSAL_IN"),
              List.of("CWE-22"),
              null,
              null,
              null),
          "Paths come from the user.",
          Provenance.MAINTAINER,
          RuleOrigin.EXPLICIT,
          new SourceRef("THREAT_MODEL.md", "11a.8 Paths", 42));

  private static final RulesDocument DOCUMENT = new RulesDocument("1", "Demo", List.of(RULE));

  @Test
  void jsonUsesStableIdentifiersAndRoundTrips() {
    String json = DOCUMENT.toJson();
    assertThat(json)
        .contains("\"schemaVersion\" : \"1\"")
        .contains("\"verdict\" : \"out-of-model\"")
        .contains("\"disposition\" : \"OUT-OF-MODEL:trusted-input\"")
        .contains("\"provenance\" : \"maintainer\"")
        .contains("\"origin\" : \"explicit\"")
        .contains("\"ruleIds\" : [ \"PATH_TRAVERSAL_IN\" ]")
        .doesNotContain("\"tags\"");
    assertThat(RulesDocument.fromJson(json)).isEqualTo(DOCUMENT);
  }

  @Test
  void yamlCarriesTheSameContent() {
    String yaml = DOCUMENT.toYaml();
    assertThat(yaml)
        .contains("schemaVersion: \"1\"")
        .contains("verdict: out-of-model")
        .contains("disposition: OUT-OF-MODEL:trusted-input")
        .contains("line: 42");
  }

  @Test
  void unsupportedSchemaVersionIsRefused() {
    String json =
        DOCUMENT.toJson().replace("\"schemaVersion\" : \"1\"", "\"schemaVersion\" : \"2\"");
    assertThatThrownBy(() -> RulesDocument.fromJson(json))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("unsupported schemaVersion '2'");
  }

  @Test
  void unknownFieldsAndVerdictsAreRefusedWithALine() {
    String json = DOCUMENT.toJson().replace("\"out-of-model\"", "\"in-scope\"");
    assertThatThrownBy(() -> RulesDocument.fromJson(json))
        .isInstanceOfSatisfying(ThreatModelException.class, e -> assertThat(e.line()).isPositive())
        .hasMessageContaining("unknown verdict 'in-scope'");
    assertThatThrownBy(
            () ->
                RulesDocument.fromJson(
                    "{\"schemaVersion\":\"1\",\"project\":\"p\",\"rules\":[],\"extra\":1}"))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("extra");
    assertThatThrownBy(() -> RulesDocument.fromJson("not json"))
        .isInstanceOf(ThreatModelException.class);
  }

  @Test
  void duplicateIdsAreRefused() {
    assertThatThrownBy(() -> new RulesDocument("1", "Demo", List.of(RULE, RULE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate rule id 'r1'");
  }

  @Test
  void dispositionLabelsParseAndValidate() {
    assertThat(Disposition.parse("BY-DESIGN")).isEqualTo(new Disposition("BY-DESIGN", null));
    assertThat(Disposition.parse(" OUT-OF-MODEL: non-default-build ").label())
        .isEqualTo("OUT-OF-MODEL:non-default-build");
    assertThatThrownBy(() -> Disposition.parse("OUT-OF-MODEL"))
        .hasMessageContaining("needs a reason");
    assertThat(Disposition.parse("BY-DESIGN: property-disclaimed").label())
        .isEqualTo("BY-DESIGN:property-disclaimed");
    assertThatThrownBy(() -> Disposition.parse("maybe"))
        .hasMessageContaining("unknown disposition");
  }

  @Test
  void criteriaAreImmutableAndKnowWhenEmpty() {
    assertThat(MatchCriteria.NONE.isEmpty()).isTrue();
    assertThat(RULE.match().isEmpty()).isFalse();
    assertThat(RULE.match().tags()).isEmpty();
    assertThatThrownBy(() -> RULE.match().paths().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Verdict.fromId("known-non-finding")).isEqualTo(Verdict.KNOWN_NON_FINDING);
  }
}
