package dev.regard.threatmodel.realmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.DispositionEntry;
import dev.regard.threatmodel.LoadedModel;
import dev.regard.threatmodel.OpenQuestion;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.Section;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.ThreatModels;
import dev.regard.threatmodel.TriageRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real discovery chains of Apache Kafka, Unomi, Ranger and Hop, read from {@code
 * ../shared/threat-models/} (never copied into the project). The expectations were written by
 * reading each model; each quotes the sentence it rests on.
 */
class RealModelsTest {

  static Path model(String project) {
    Path root =
        Path.of(System.getProperty("regard.repository.root", ".."))
            .resolve("../shared/threat-models")
            .resolve(project)
            .normalize();
    assumeThat(Files.isDirectory(root))
        .as("real threat models not found at %s (../shared/threat-models); skipped", root)
        .isTrue();
    return root;
  }

  private static List<TriageRule> rulesNaming(LoadedModel loaded, String code) {
    return loaded.rules().rules().stream()
        .filter(
            r ->
                r.match().paths().stream().anyMatch(p -> p.startsWith(code))
                    || r.match().components().contains(code))
        .toList();
  }

  @Test
  void kafka() {
    LoadedModel loaded = ThreatModels.fromRepository(model("kafka"));
    // SECURITY.md: "Core model: [docs/security/security-model.md] … Kafka Connect … Kafka Streams";
    // MirrorMaker's page is only reached through the linked folder
    // "[docs/security/](./docs/security/)".
    assertThat(loaded.model().pages())
        .containsExactly(
            "docs/security/security-model.md",
            "docs/security/security-model-connect.md",
            "docs/security/security-model-streams.md",
            "docs/security/security-model-mirrormaker.md");
    assertThat(loaded.discovery())
        .contains(
            "AGENTS.md -> SECURITY.md (link 'SECURITY.md', line 141)",
            "SECURITY.md -> docs/security/security-model.md"
                + " (link 'docs/security/security-model.md', line 36)");
    // Front matter ("title: Security Model") is not a heading.
    assertThat(loaded.model().sections()).noneMatch(s -> s.heading().startsWith("title:"));
    assertThat(kinds(loaded, "docs/security/security-model.md"))
        .contains(
            SectionKind.OUT_OF_SCOPE, // "Development and Test Tooling … explicitly out of scope"
            SectionKind.DISPOSITIONS, // "Classifying Reports"
            SectionKind.KNOWN_NON_FINDINGS);
    // "Trogdor. … the project does not consider command execution through Trogdor a security
    // issue" and "The `tests/` system-test harness and the scripts under `release/` …".
    assertThat(rulesNaming(loaded, "trogdor")).isNotEmpty();
    assertThat(rulesNaming(loaded, "tests/")).isNotEmpty();
    assertThat(rulesNaming(loaded, "release/")).isNotEmpty();
    // "Issues in `tools`, `bin`, Trogdor, `tests`, and similar are out of scope".
    assertThat(rulesNaming(loaded, "tools")).isNotEmpty();
    // "Kafka Streams application-level issues. Streams runs inside the user's application, so its
    // security boundary is the application's, not the broker's".
    assertThat(rulesNaming(loaded, "streams"))
        .singleElement()
        .satisfies(r -> assertThat(r.source().file()).isEqualTo("docs/security/security-model.md"));
    // Backticked config keys never become paths: "`source.cluster.*` and `target.cluster.*`".
    assertThat(allPaths(loaded)).noneMatch(p -> p.contains("cluster") || p.contains("PLAINTEXT"));
    // "To keep triage consistent, a reported issue is treated as exactly one of: …".
    assertThat(loaded.model().dispositions())
        .extracting(DispositionEntry::name, DispositionEntry::suppresses)
        .containsExactly(
            tuple("A vulnerability", false),
            tuple("A hardening suggestion", false),
            tuple("Out of scope", true),
            tuple("By design", true));
    // The Trogdor rule takes the model's own word and cites "Out of scope" in Classifying Reports.
    TriageRule trogdor = rulesNaming(loaded, "trogdor").get(0);
    assertThat(trogdor.disposition().label()).isEqualTo("OUT-OF-SCOPE");
    assertThat(trogdor.licensedBy()).anyMatch(s -> s.section().equals("Classifying Reports"));
    assertThat(trogdor.licensedBy()).anyMatch(s -> s.section().equals("Known Non-Findings"));
    // Known non-findings of every page are read, each citing its page.
    assertThat(loaded.model().nonFindings())
        .extracting(n -> n.source().file())
        .contains(
            "docs/security/security-model-connect.md",
            "docs/security/security-model-streams.md",
            "docs/security/security-model-mirrormaker.md");
    assertThat(loaded.model().openQuestions()).isEmpty();
  }

  @Test
  void unomi() {
    LoadedModel loaded = ThreatModels.fromRepository(model("unomi"));
    assertThat(loaded.model().pages()).containsExactly("THREAT_MODEL.md");
    assertThat(loaded.model().sections())
        .extracting(Section::heading, Section::kind)
        .contains(
            tuple("§5a Build-time and configuration variants", SectionKind.VARIANTS),
            tuple("§13 Triage dispositions", SectionKind.DISPOSITIONS),
            tuple("§14 Open questions for the maintainers", SectionKind.OPEN_QUESTIONS));
    // "`unomi-site`, `samples/`, `itests/` — website + demo + test code, not production trust
    // surface. (inferred)": out of scope, but only inferred.
    List<TriageRule> samples = rulesNaming(loaded, "samples");
    assertThat(samples).isNotEmpty().allMatch(r -> r.provenance() == Provenance.INFERRED);
    // "2. Confirm `unomi-tracker` is modeled as a client-side satellite and
    // `unomi-site`/`samples`/`itests` are out of scope."
    assertThat(samples).allMatch(r -> r.confirmation() != null && r.confirmation().contains("Q2"));
    // §1: "`unomi-tracker` … and `unomi-site` (website) are in the engagement scope": no rule for
    // unomi-site, an in-scope sentence names it.
    assertThat(rulesNaming(loaded, "unomi-site")).isEmpty();
    // The family table: "| Plugins / extensions / connectors | `plugins`, `extensions`,
    // `connectors` | varies | **In core ones; third-party/`samples` out** |" keeps plugins in.
    assertThat(loaded.model().components())
        .filteredOn(c -> c.name().startsWith("Plugins"))
        .singleElement()
        .satisfies(c -> assertThat(c.inScope()).isTrue());
    assertThat(rulesNaming(loaded, "plugins")).isEmpty();
    // "**Wave 1 — scope & default posture:**" then "1. …" without a blank line; "8a." counts.
    assertThat(loaded.model().openQuestions())
        .extracting(OpenQuestion::number)
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "8a", "9", "10", "11");
    assertThat(loaded.model().openQuestions()).allMatch(OpenQuestion::open);
    assertThat(loaded.model().dispositions())
        .extracting(DispositionEntry::name)
        .contains("OUT-OF-MODEL: unsupported-component", "BY-DESIGN: property-disclaimed");
    assertThat(samples.get(0).disposition().label())
        .isEqualTo("OUT-OF-MODEL:unsupported-component");
  }

  @Test
  void ranger() {
    LoadedModel loaded = ThreatModels.fromRepository(model("ranger"));
    // "| Build / install / migration / ugsync tooling | `distro/`, `agents-installer/`,
    // `migration-util/`, ugsync `filesourceusersynctool`/`ldapconfigchecktool`, `dev-support/` |
    // Build/deploy host | **Out** *(maintainer, 2026-06-12 — §14 Q4)* |"
    assertThat(rulesNaming(loaded, "distro/"))
        .isNotEmpty()
        .allMatch(r -> r.provenance() == Provenance.MAINTAINER);
    assertThat(rulesNaming(loaded, "dev-support/")).isNotEmpty();
    assertThat(rulesNaming(loaded, "ldapconfigchecktool")).isNotEmpty();
    // "**Note:** unlike a typical project, `ranger-examples/` and `ranger-tools/` are **IN**
    // scope here per the PMC (§2) — do not treat example/tool code as out-of-model."
    assertThat(rulesNaming(loaded, "ranger-examples")).isEmpty();
    assertThat(rulesNaming(loaded, "ranger-tools")).isEmpty();
    // "(including `ROLE_USER` without module/tab permissions) can look up … via lookup REST
    // endpoints (`GET /service/xusers/lookup/users`, `/lookup/groups`…)": no role id, no URL path.
    assertThat(loaded.rules().rules())
        .noneMatch(r -> r.match().ruleIds().contains("ROLE_USER"))
        .noneMatch(r -> r.match().paths().stream().anyMatch(p -> p.contains("lookup")));
    // The "In this model?" column: every family but build tooling is in.
    assertThat(loaded.model().components())
        .filteredOn(c -> c.source().section().startsWith("§2"))
        .extracting(Component::name, Component::inScope)
        .contains(
            tuple("Examples / sample app + tools", true),
            tuple("Build / install / migration / ugsync tooling", false));
    // "§14 Open questions — RESOLVED by the Ranger PMC": 20 answered, and "*Remaining
    // genuinely-open item:* whether Ranger makes **no resource guarantee at all**" open.
    assertThat(loaded.model().openQuestions()).filteredOn(q -> !q.open()).hasSize(20);
    assertThat(loaded.model().openQuestions())
        .filteredOn(OpenQuestion::open)
        .singleElement()
        .satisfies(q -> assertThat(q.text()).contains("no resource guarantee"));
  }

  @Test
  void hop() {
    LoadedModel loaded = ThreatModels.fromRepository(model("hop"));
    // "- `hop-website`, `docs/`, `integration-tests/`, `assemblies/` build mechanics,
    // samples/demos — not the shipped runtime product."
    assertThat(rulesNaming(loaded, "integration-tests/")).isNotEmpty();
    assertThat(rulesNaming(loaded, "docs/")).isNotEmpty();
    // "(Note: the **default security posture** baked by `assemblies/` and `docker/` … is an
    // in-scope **fact** …)": assemblies/ is named both ways, so no rule.
    assertThat(rulesNaming(loaded, "assemblies/")).isEmpty();
    assertThat(loaded.model().undecided()).isNotNull();
    // "`lib-jdbc/` bundles redshift, …" is out for driver CVEs, but the component table keeps
    // "| Connection / driver layer | `lib-jdbc/` (bundled JDBC drivers), `core/` …" in scope.
    assertThat(rulesNaming(loaded, "lib-jdbc/")).isEmpty();
    // JDK classes of §11a never become globs: "`PreparedStatement` `?` binding",
    // "`ProcessBuilder`".
    assertThat(allPaths(loaded))
        .noneMatch(p -> p.contains("PreparedStatement") || p.contains("ProcessBuilder"));
    // §13 uses the project's own words: "| **DOWNSTREAM-RESPONSIBILITY** | … | §10 |".
    assertThat(loaded.model().dispositions())
        .extracting(DispositionEntry::name)
        .containsExactly(
            "VALID", "OUT-OF-MODEL", "DOWNSTREAM-RESPONSIBILITY", "DISCLAIMED", "MODEL-GAP");
    assertThat(rulesNaming(loaded, "integration-tests/").get(0).disposition().label())
        .isEqualTo("OUT-OF-MODEL");
    // "## §14 Maintainer decisions (resolution of the v1 open questions)": 11 resolved items.
    assertThat(loaded.model().openQuestions()).hasSize(11).noneMatch(OpenQuestion::open);
    assertThat(kinds(loaded, "THREAT_MODEL.md")).contains(SectionKind.COMPANION);
  }

  private static List<SectionKind> kinds(LoadedModel loaded, String file) {
    return loaded.model().sections().stream()
        .filter(s -> s.source().file().equals(file))
        .map(Section::kind)
        .toList();
  }

  private static List<String> allPaths(LoadedModel loaded) {
    return loaded.rules().rules().stream().flatMap(r -> r.match().paths().stream()).toList();
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
