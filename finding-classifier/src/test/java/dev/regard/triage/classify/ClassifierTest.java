package dev.regard.triage.classify;

import static dev.regard.triage.Fixtures.finding;
import static dev.regard.triage.Fixtures.match;
import static dev.regard.triage.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.Verdict;
import dev.regard.triage.finding.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {
  private static final SourceRef SCOPE = new SourceRef("THREAT_MODEL.md", "Scope", 5);
  private static final List<Component> COMPONENTS =
      List.of(
          new Component("clients", true, List.of("clients/**"), "", Provenance.DOCUMENTED, SCOPE),
          new Component("tests", false, List.of("tests/**"), "", Provenance.DOCUMENTED, SCOPE));

  private static Finding at(String path) {
    return finding("R", "warning", path, List.of(), List.of(), "m");
  }

  @Test
  void anythingNotExcludedStaysInScopeAndCitesItsComponent() {
    Classifier c = new Classifier(List.of(), COMPONENTS);
    Classification result = c.classify(at("clients/src/A.java"));
    assertThat(result.verdict()).isEqualTo(TriageVerdict.IN_SCOPE);
    assertThat(result.disposition()).isEqualTo(Classification.VALID);
    assertThat(result.section()).isEqualTo(SCOPE);
    assertThat(result.rule()).isNull();
  }

  @Test
  void inScopeNotesAreHardening() {
    Classifier c = new Classifier(List.of(), COMPONENTS);
    Finding note = finding("R", "note", "clients/A.java", List.of(), List.of(), "m");
    assertThat(c.classify(note).disposition()).isEqualTo(Classification.VALID_HARDENING);
  }

  @Test
  void pathsNoInScopeComponentCoversAreModelGaps() {
    Classifier c = new Classifier(List.of(), COMPONENTS);
    Classification gap = c.classify(at("streams/src/S.java"));
    assertThat(gap.verdict()).isEqualTo(TriageVerdict.IN_SCOPE);
    assertThat(gap.disposition()).isEqualTo(Classification.MODEL_GAP);
    assertThat(gap.rationale()).contains("streams/src/S.java");
    // Out-of-scope components do not cover anything.
    assertThat(c.classify(at("tests/x.py")).disposition()).isEqualTo(Classification.MODEL_GAP);
  }

  @Test
  void aRuleOnPathsExcludesWithItsDispositionAndSection() {
    TriageRule tests =
        rule(
            "tests-out",
            Verdict.OUT_OF_MODEL,
            "OUT-OF-MODEL:unsupported-component",
            RuleOrigin.DERIVED,
            match(List.of("tests/**"), List.of(), List.of(), List.of()));
    Classifier c = new Classifier(List.of(tests), COMPONENTS);
    Classification r = c.classify(at("tests/kafkatest/x.py"));
    assertThat(r.verdict()).isEqualTo(TriageVerdict.OUT_OF_MODEL);
    assertThat(r.disposition()).isEqualTo("OUT-OF-MODEL:unsupported-component");
    assertThat(r.rule()).isSameAs(tests);
    assertThat(r.section().section()).isEqualTo("Section of tests-out");
    assertThat(c.classify(at("clients/tests/x.py")).verdict()).isEqualTo(TriageVerdict.IN_SCOPE);
  }

  @Test
  void everySetCriterionMustMatch() {
    TriageRule both =
        rule(
            "both",
            Verdict.OUT_OF_MODEL,
            "OUT-OF-MODEL:trusted-input",
            RuleOrigin.EXPLICIT,
            match(List.of("clients/**"), List.of(), List.of("CWE-502"), List.of()));
    Classifier c = new Classifier(List.of(both), COMPONENTS);
    Finding deser = finding("X", "error", "clients/D.java", List.of("CWE-502"), List.of(), "m");
    Finding other = finding("X", "error", "clients/D.java", List.of("CWE-79"), List.of(), "m");
    Finding elsewhere = finding("X", "error", "core/D.java", List.of("CWE-502"), List.of(), "m");
    assertThat(c.classify(deser).verdict()).isEqualTo(TriageVerdict.OUT_OF_MODEL);
    assertThat(c.classify(other).verdict()).isEqualTo(TriageVerdict.IN_SCOPE);
    assertThat(c.classify(elsewhere).verdict()).isEqualTo(TriageVerdict.IN_SCOPE);
  }

  @Test
  void ruleIdsTagsCwesPatternsAndConfigKeysMatch() {
    MatchCriteria ids = match(List.of(), List.of("java/*-injection"), List.of(), List.of());
    MatchCriteria tags = match(List.of(), List.of(), List.of(), List.of("Maintainability"));
    MatchCriteria cwes = match(List.of(), List.of(), List.of("cwe-0330"), List.of());
    MatchCriteria pattern =
        new MatchCriteria(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of("(?i)predictable"),
            List.of());
    MatchCriteria key =
        new MatchCriteria(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of("ssl.endpoint.identification.algorithm"));
    Classifier c =
        new Classifier(
            List.of(
                rule(
                    "ids",
                    Verdict.OUT_OF_MODEL,
                    "OUT-OF-MODEL:trusted-input",
                    RuleOrigin.DERIVED,
                    ids),
                rule(
                    "tags",
                    Verdict.KNOWN_NON_FINDING,
                    "KNOWN-NON-FINDING",
                    RuleOrigin.DERIVED,
                    tags),
                rule("cwes", Verdict.KNOWN_NON_FINDING, "BY-DESIGN", RuleOrigin.DERIVED, cwes),
                rule(
                    "pattern",
                    Verdict.KNOWN_NON_FINDING,
                    "KNOWN-NON-FINDING",
                    RuleOrigin.DERIVED,
                    pattern),
                rule(
                    "key",
                    Verdict.OUT_OF_MODEL,
                    "OUT-OF-MODEL:non-default-build",
                    RuleOrigin.DERIVED,
                    key)),
            COMPONENTS);
    assertThat(
            decidingRule(c, finding("java/path-injection", "error", "a", List.of(), List.of(), "")))
        .isEqualTo("ids");
    assertThat(decidingRule(c, finding("java/xss", "error", "a", List.of(), List.of(), "")))
        .isNull();
    assertThat(
            decidingRule(c, finding("r", "error", "a", List.of(), List.of("maintainability"), "")))
        .isEqualTo("tags");
    assertThat(decidingRule(c, finding("r", "error", "a", List.of("CWE-330"), List.of(), "")))
        .isEqualTo("cwes");
    assertThat(
            decidingRule(c, finding("r", "error", "a", List.of(), List.of(), "A Predictable RNG")))
        .isEqualTo("pattern");
    assertThat(
            decidingRule(
                c,
                finding(
                    "r",
                    "error",
                    "a",
                    List.of(),
                    List.of(),
                    "verification off: ssl.endpoint.identification.algorithm.")))
        .isEqualTo("key");
    assertThat(
            decidingRule(
                c,
                finding(
                    "r",
                    "error",
                    "a",
                    List.of(),
                    List.of(),
                    "ssl.endpoint.identification.algorithm.override is set")))
        .isNull();
  }

  @Test
  void precedenceIsExplicitThenKnownNonFindingThenSpecificityThenDocumentOrder() {
    MatchCriteria byPath = match(List.of("clients/**"), List.of(), List.of(), List.of());
    MatchCriteria byPathAndCwe =
        match(List.of("clients/**"), List.of(), List.of("CWE-1"), List.of());
    TriageRule derivedKnf =
        rule(
            "derived-knf",
            Verdict.KNOWN_NON_FINDING,
            "KNOWN-NON-FINDING",
            RuleOrigin.DERIVED,
            byPathAndCwe);
    TriageRule explicitOom1 =
        rule(
            "explicit-oom-1",
            Verdict.OUT_OF_MODEL,
            "OUT-OF-MODEL:trusted-input",
            RuleOrigin.EXPLICIT,
            byPath);
    TriageRule explicitOom2 =
        rule(
            "explicit-oom-2", Verdict.OUT_OF_MODEL, "BY-DESIGN", RuleOrigin.EXPLICIT, byPathAndCwe);
    TriageRule explicitKnf =
        rule(
            "explicit-knf",
            Verdict.KNOWN_NON_FINDING,
            "KNOWN-NON-FINDING",
            RuleOrigin.EXPLICIT,
            byPath);
    TriageRule explicitOom3 =
        rule(
            "explicit-oom-3",
            Verdict.OUT_OF_MODEL,
            "OUT-OF-MODEL:trusted-input",
            RuleOrigin.EXPLICIT,
            byPath);
    Classifier c =
        new Classifier(
            List.of(derivedKnf, explicitOom1, explicitOom2, explicitKnf, explicitOom3), COMPONENTS);
    assertThat(c.rulesInPrecedence())
        .extracting(TriageRule::id)
        .containsExactly(
            "explicit-knf", "explicit-oom-2", "explicit-oom-1", "explicit-oom-3", "derived-knf");
    Finding f = finding("r", "error", "clients/A.java", List.of("CWE-1"), List.of(), "");
    assertThat(c.classify(f).rule().id()).isEqualTo("explicit-knf");
  }

  @Test
  void aRuleWithoutCriteriaNeverMatches() {
    TriageRule empty =
        rule(
            "empty",
            Verdict.OUT_OF_MODEL,
            "OUT-OF-MODEL:trusted-input",
            RuleOrigin.EXPLICIT,
            MatchCriteria.NONE);
    Classifier c = new Classifier(List.of(empty), COMPONENTS);
    assertThat(c.classify(at("clients/A.java")).verdict()).isEqualTo(TriageVerdict.IN_SCOPE);
    assertThat(c.explain(at("clients/A.java")).trials().get(0).checks().get(0).detail())
        .contains("never applies");
  }

  @Test
  void sourceRootRelativePathsMatchGlobsBelowJava() {
    TriageRule security =
        rule(
            "sec",
            Verdict.OUT_OF_MODEL,
            "OUT-OF-MODEL:trusted-input",
            RuleOrigin.DERIVED,
            match(
                List.of("clients/src/main/java/org/apache/kafka/common/security/**"),
                List.of(),
                List.of(),
                List.of()));
    Component clients =
        new Component(
            "clients", true, List.of("clients/src/main/java/**"), "", Provenance.DOCUMENTED, SCOPE);
    Classifier c = new Classifier(List.of(security), List.of(clients));
    Finding classOnly =
        new Finding(
            "f#1",
            "x",
            "f",
            "SpotBugs",
            "R",
            "warning",
            "m",
            "org/apache/kafka/common/security/ssl/Foo.java",
            1,
            true,
            "org.apache.kafka.common.security.ssl.Foo",
            List.of(),
            List.of(),
            "");
    assertThat(c.classify(classOnly).rule().id()).isEqualTo("sec");
    Finding elsewhere =
        new Finding(
            "f#2",
            "x",
            "f",
            "SpotBugs",
            "R",
            "warning",
            "m",
            "org/apache/kafka/clients/Foo.java",
            1,
            true,
            null,
            List.of(),
            List.of(),
            "");
    Classification inScope = c.classify(elsewhere);
    assertThat(inScope.verdict()).isEqualTo(TriageVerdict.IN_SCOPE);
    assertThat(inScope.disposition()).isEqualTo(Classification.VALID);
  }

  @Test
  void modulesMatchPathsOrJavaPackages() {
    TriageRule module =
        new TriageRule(
            "mod",
            Verdict.OUT_OF_MODEL,
            dev.regard.threatmodel.Disposition.parse("OUT-OF-MODEL:unsupported-component"),
            new MatchCriteria(
                List.of(),
                List.of("connect/mirror", "org.apache.kafka.trogdor"),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of()),
            "",
            Provenance.MAINTAINER,
            RuleOrigin.DERIVED,
            SCOPE);
    Classifier c = new Classifier(List.of(module), COMPONENTS);
    assertThat(c.classify(at("connect/mirror/src/M.java")).verdict())
        .isEqualTo(TriageVerdict.OUT_OF_MODEL);
    Finding trogdor =
        new Finding(
            "f#1",
            "x",
            "f",
            "T",
            "R",
            "warning",
            "m",
            null,
            0,
            false,
            "org.apache.kafka.trogdor.Agent",
            List.of(),
            List.of(),
            "");
    assertThat(c.classify(trogdor).verdict()).isEqualTo(TriageVerdict.OUT_OF_MODEL);
    assertThat(c.classify(at("connect/mirrorx/M.java")).verdict())
        .isEqualTo(TriageVerdict.IN_SCOPE);
  }

  @Test
  void explainListsEveryRuleTriedUpToTheDecidingOne() {
    TriageRule miss =
        rule(
            "miss",
            Verdict.KNOWN_NON_FINDING,
            "KNOWN-NON-FINDING",
            RuleOrigin.EXPLICIT,
            match(List.of(), List.of("OTHER"), List.of(), List.of()));
    TriageRule hit =
        rule(
            "hit",
            Verdict.OUT_OF_MODEL,
            "OUT-OF-MODEL:trusted-input",
            RuleOrigin.DERIVED,
            match(List.of("clients/**"), List.of(), List.of(), List.of()));
    TriageRule after =
        rule(
            "after",
            Verdict.OUT_OF_MODEL,
            "OUT-OF-MODEL:trusted-input",
            RuleOrigin.DERIVED,
            match(List.of("**"), List.of(), List.of(), List.of()));
    Explanation e =
        new Classifier(List.of(miss, hit, after), COMPONENTS).explain(at("clients/A.java"));
    assertThat(e.trials()).extracting(t -> t.rule().id()).containsExactly("miss", "hit");
    assertThat(e.trials().get(0).matched()).isFalse();
    assertThat(e.trials().get(0).checks().get(0).criterion()).isEqualTo("ruleIds");
    assertThat(e.trials().get(1).matched()).isTrue();
    assertThat(e.result().rule().id()).isEqualTo("hit");
  }

  @Test
  void anInvalidMessagePatternIsRejectedWithTheRuleAndItsSource() {
    MatchCriteria bad =
        new MatchCriteria(
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of("(unclosed"), List.of());
    TriageRule r =
        rule("bad", Verdict.OUT_OF_MODEL, "OUT-OF-MODEL:trusted-input", RuleOrigin.EXPLICIT, bad);
    assertThatThrownBy(() -> new Classifier(List.of(r), COMPONENTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining("THREAT_MODEL.md:10");
  }

  private static String decidingRule(Classifier c, Finding f) {
    TriageRule rule = c.classify(f).rule();
    return rule == null ? null : rule.id();
  }
}
