package dev.regard.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka-style sample in {@code examples/kafka-threat-model}. */
class KafkaExampleTest {

  private static LoadedModel loaded;

  @BeforeAll
  static void load() {
    Path root =
        Path.of(System.getProperty("regard.repository.root", ".."))
            .resolve("examples/kafka-threat-model");
    loaded = ThreatModels.fromRepository(root);
  }

  private static TriageRule rule(String id) {
    return loaded.rules().rules().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule " + id));
  }

  @Test
  void discoveryResolvesTheRelativeLinkIntoDocsSecurity() {
    assertThat(loaded.discovery())
        .containsExactly(
            "repository root -> AGENTS.md",
            "AGENTS.md -> SECURITY.md (link 'security policy', line 7)",
            "SECURITY.md -> docs/security/THREAT_MODEL.md (link 'threat model', line 20)");
    assertThat(loaded.model().file()).isEqualTo("docs/security/THREAT_MODEL.md");
    assertThat(loaded.model().project()).isEqualTo("Apache Kafka");
  }

  @Test
  void sectionsAreRecognisedDespiteSectionSigns() {
    assertThat(loaded.model().sections())
        .extracting(Section::heading, Section::kind)
        .contains(
            org.assertj.core.groups.Tuple.tuple("§1 Scope", SectionKind.SCOPE),
            org.assertj.core.groups.Tuple.tuple("Out of scope", SectionKind.OUT_OF_SCOPE),
            org.assertj.core.groups.Tuple.tuple(
                "§3 Adversary and trusted parties", SectionKind.ADVERSARY),
            org.assertj.core.groups.Tuple.tuple(
                "§7 Trust boundaries", SectionKind.TRUST_BOUNDARIES),
            org.assertj.core.groups.Tuple.tuple(
                "§11a Known non-findings (recurring false positives)",
                SectionKind.KNOWN_NON_FINDINGS),
            org.assertj.core.groups.Tuple.tuple("§14 Open questions", SectionKind.OPEN_QUESTIONS),
            org.assertj.core.groups.Tuple.tuple(
                "Supported versions", SectionKind.SUPPORTED_VERSIONS));
  }

  @Test
  void denialOfServiceKnobsKeepTheirDefaults() {
    Map<String, String> defaults =
        loaded.model().controls().stream()
            .filter(c -> c.configKey() != null && c.defaultValue() != null)
            .collect(Collectors.toMap(SecurityControl::configKey, SecurityControl::defaultValue));
    assertThat(defaults)
        .containsEntry("socket.request.max.bytes", "104857600 (100 MiB)")
        .containsEntry("queued.max.requests", "500")
        .containsEntry("connection.failed.authentication.delay.ms", "100")
        .containsEntry("sasl.server.max.receive.size", "524288 (512 KiB)")
        .containsEntry("connections.max.idle.ms", "600000 (10 minutes)")
        .containsEntry("max.connections.per.ip", "unset");
    assertThat(loaded.model().controls())
        .filteredOn(c -> "queued.max.requests".equals(c.configKey()))
        .singleElement()
        .satisfies(c -> assertThat(c.provenance()).isEqualTo(Provenance.MAINTAINER));
  }

  @Test
  void scopeTableSeparatesInAndOutOfScope() {
    assertThat(loaded.model().components())
        .filteredOn(c -> c.name().equals("Metadata control plane"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.inScope()).isTrue();
              assertThat(c.modules()).containsExactly("raft", "metadata");
            });
    assertThat(loaded.model().components())
        .filteredOn(c -> c.name().equals("Operator tooling and test harnesses"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.inScope()).isFalse();
              assertThat(c.modules())
                  .containsExactly(
                      "tools", "committer-tools", "bin", "shell", "trogdor", "tests", "docker");
            });
  }

  @Test
  void derivedAndExplicitRules() {
    Map<RuleOrigin, List<String>> ids =
        loaded.rules().rules().stream()
            .collect(
                Collectors.groupingBy(
                    TriageRule::origin, Collectors.mapping(TriageRule::id, Collectors.toList())));
    assertThat(ids.get(RuleOrigin.DERIVED))
        .containsExactly(
            "out-of-scope.operator-tooling-and-test-harnesses",
            "out-of-scope.tools-committer-tools-bin-shell-trogdor-tests",
            "non-finding.sasl-server-max-receive-size-abuse",
            "non-finding.pre-authentication-idle-connections",
            "non-finding.findings-in-tools-shell-trogdor-tests-or-docker");
    assertThat(ids.get(RuleOrigin.EXPLICIT))
        .containsExactly(
            "kafka-tools-packages",
            "kafka-trogdor-and-shell",
            "kafka-cluster-peers-trusted",
            "kafka-plaintext-default-posture",
            "kafka-unencrypted-socket-network-layer",
            "kafka-config-provider-symlinks");
  }

  @Test
  void proseNonFindingBecomesAConfigKeyRule() {
    TriageRule idle = rule("non-finding.pre-authentication-idle-connections");
    assertThat(idle.verdict()).isEqualTo(Verdict.KNOWN_NON_FINDING);
    assertThat(idle.disposition().label()).isEqualTo("KNOWN-NON-FINDING");
    assertThat(idle.match().configKeys()).containsExactly("connections.max.idle.ms");
    assertThat(idle.provenance()).isEqualTo(Provenance.MAINTAINER);
    assertThat(idle.source().file()).isEqualTo("docs/security/THREAT_MODEL.md");
    assertThat(idle.source().section()).isEqualTo("11a.3 Other entries");
  }

  @Test
  void explicitRulesKeepKafkaPackagesAndScannerRuleIds() {
    assertThat(rule("kafka-tools-packages").match().paths()).contains("org/apache/kafka/tools/**");
    TriageRule symlinks = rule("kafka-config-provider-symlinks");
    assertThat(symlinks.match().ruleIds()).containsExactly("PATH_TRAVERSAL_IN");
    assertThat(symlinks.provenance()).isEqualTo(Provenance.MAINTAINER);
    assertThat(rule("kafka-unencrypted-socket-network-layer").match().ruleIds())
        .contains("UNENCRYPTED_SOCKET");
    assertThat(rule("kafka-trogdor-and-shell").provenance()).isEqualTo(Provenance.INFERRED);
  }

  @Test
  void waivedEntryYieldsNoRuleAndNoLintWarning() {
    assertThat(loaded.model().nonFindings())
        .filteredOn(n -> n.title().equals("KAFKA-20450"))
        .singleElement()
        .satisfies(n -> assertThat(n.ruleWaived()).isTrue());
    assertThat(Lint.check(loaded)).noneMatch(f -> f.message().contains("KAFKA-20450"));
  }

  @Test
  void openQuestionsSayWhomTheyWaitOn() {
    assertThat(loaded.model().openQuestions())
        .extracting(OpenQuestion::open, OpenQuestion::waitingOn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(true, "Kafka PMC"),
            org.assertj.core.groups.Tuple.tuple(true, "@mimaison"),
            org.assertj.core.groups.Tuple.tuple(true, "@mjsax"),
            org.assertj.core.groups.Tuple.tuple(false, null),
            org.assertj.core.groups.Tuple.tuple(true, "Kafka PMC"));
  }

  @Test
  void securityPolicyGivesChannelsAndVersions() {
    SecurityPolicy policy = loaded.model().securityPolicy();
    assertThat(policy.file()).isEqualTo("SECURITY.md");
    assertThat(policy.reportingChannels())
        .containsExactly(
            "security@apache.org", "private@kafka.apache.org", "https://www.apache.org/security/");
    assertThat(policy.supportedVersions()).hasSize(2);
  }

  @Test
  void lintReportsOpenQuestionsAndVagueNonFindingsButNoErrors() {
    List<LintFinding> findings = Lint.check(loaded);
    assertThat(findings).noneMatch(f -> f.severity().equals(LintFinding.ERROR));
    assertThat(findings).filteredOn(f -> f.message().startsWith("open question")).hasSize(4);
    assertThat(findings)
        .anySatisfy(
            f ->
                assertThat(f.message())
                    .contains("'An authorized principal performs an administrative operation'")
                    .contains("gives nothing to match"));
  }
}
