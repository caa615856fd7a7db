package dev.regard.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AGENTS.md -> SECURITY.md -> THREAT_MODEL.md on real directory trees. */
class DiscoveryTest {

  private static final String MODEL =
      "# Demo threat model\n\n## Scope\n\n## Adversary\n\n## Trust boundaries\n";

  @TempDir Path root;

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void missingAgentsFileIsTheMissingLink() throws IOException {
    write("SECURITY.md", "# Security\n");
    assertThatThrownBy(() -> ThreatModels.fromRepository(root))
        .isInstanceOfSatisfying(
            ThreatModelException.class, e -> assertThat(e.file()).isEqualTo("AGENTS.md"))
        .hasMessageContaining("missing link AGENTS.md");
  }

  @Test
  void plainMentionsAreFollowed() throws IOException {
    write("AGENTS.md", "# Agents\n\nRead SECURITY.md first.\n");
    write(
        "SECURITY.md", "# Security\n\nThe threat model lives in docs/security/THREAT_MODEL.md.\n");
    write("docs/security/THREAT_MODEL.md", MODEL);

    LoadedModel loaded = ThreatModels.fromRepository(root);

    assertThat(loaded.discovery())
        .containsExactly(
            "repository root -> AGENTS.md",
            "AGENTS.md -> SECURITY.md (mentions 'SECURITY.md', line 3)",
            "SECURITY.md -> docs/security/THREAT_MODEL.md"
                + " (mentions 'docs/security/THREAT_MODEL.md', line 3)");
    assertThat(loaded.model().file()).isEqualTo("docs/security/THREAT_MODEL.md");
    assertThat(Lint.check(loaded)).noneMatch(f -> f.message().contains("discovery"));
  }

  @Test
  void linksWithAnchorsAndDotSegmentsResolve() throws IOException {
    write("AGENTS.md", "# Agents\n\n[policy](./.github/SECURITY.md#report)\n");
    write(".github/SECURITY.md", "# Security\n\n[model](../docs/threat-model.md)\n");
    write("docs/threat-model.md", MODEL);

    LoadedModel loaded = ThreatModels.fromRepository(root);

    assertThat(loaded.discovery().get(1))
        .isEqualTo("AGENTS.md -> .github/SECURITY.md (link 'policy', line 3)");
    assertThat(loaded.discovery().get(2))
        .isEqualTo(".github/SECURITY.md -> docs/threat-model.md (link 'model', line 3)");
  }

  @Test
  void linkToAMissingFileNamesTheLink() throws IOException {
    write("AGENTS.md", "# Agents\n\nSee [the policy](SECURITY.md).\n");
    assertThatThrownBy(() -> ThreatModels.fromRepository(root))
        .isInstanceOfSatisfying(
            ThreatModelException.class,
            e -> {
              assertThat(e.file()).isEqualTo("AGENTS.md");
              assertThat(e.line()).isEqualTo(3);
            })
        .hasMessageContaining("link 'SECURITY.md' to SECURITY.md names no file");
  }

  @Test
  void linkLeavingTheRepositoryIsRefused() throws IOException {
    write("AGENTS.md", "# Agents\n\n[policy](../../etc/SECURITY.md)\n");
    assertThatThrownBy(() -> ThreatModels.fromRepository(root))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("leaves the repository");
  }

  @Test
  void missingThreatModelIsTheMissingLink() throws IOException {
    write("AGENTS.md", "# Agents\n\n[policy](SECURITY.md)\n");
    write("SECURITY.md", "# Security\n\nWrite to security@example.org.\n");
    assertThatThrownBy(() -> ThreatModels.fromRepository(root))
        .isInstanceOfSatisfying(
            ThreatModelException.class, e -> assertThat(e.file()).isEqualTo("SECURITY.md"))
        .hasMessageContaining("missing link THREAT_MODEL.md");
  }

  @Test
  void fileFoundOnlyByConventionIsLintedAsBrokenChain() throws IOException {
    write("AGENTS.md", "# Agents\n\nNothing about security here.\n");
    write("SECURITY.md", "# Security\n\nWrite to security@example.org.\n");
    write("THREAT_MODEL.md", MODEL);

    LoadedModel loaded = ThreatModels.fromRepository(root);

    assertThat(loaded.discovery().get(1))
        .isEqualTo("SECURITY.md found at its conventional location, not referenced by AGENTS.md");
    assertThat(Lint.check(loaded))
        .filteredOn(f -> f.message().startsWith("broken discovery chain"))
        .extracting(LintFinding::severity)
        .containsOnly(LintFinding.ERROR)
        .hasSize(2);
  }

  @Test
  void symbolicLinkOutOfTheRepositoryIsRefused(@TempDir Path elsewhere) throws IOException {
    Files.writeString(elsewhere.resolve("AGENTS.md"), "# Agents\n\n[policy](SECURITY.md)\n");
    Files.createSymbolicLink(root.resolve("AGENTS.md"), elsewhere.resolve("AGENTS.md"));
    assertThatThrownBy(() -> ThreatModels.fromRepository(root))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("AGENTS.md resolves outside the repository (symbolic link)");
  }

  @Test
  void linkedDocumentThatIsASymbolicLinkOutwardsIsRefusedAtTheLink(@TempDir Path elsewhere)
      throws IOException {
    write("AGENTS.md", "# Agents\n\n[policy](SECURITY.md)\n");
    Files.writeString(elsewhere.resolve("SECURITY.md"), "# Security\n");
    Files.createSymbolicLink(root.resolve("SECURITY.md"), elsewhere.resolve("SECURITY.md"));
    assertThatThrownBy(() -> ThreatModels.fromRepository(root))
        .isInstanceOfSatisfying(
            ThreatModelException.class,
            e -> {
              assertThat(e.file()).isEqualTo("AGENTS.md");
              assertThat(e.line()).isEqualTo(3);
            })
        .hasMessageContaining("SECURITY.md resolves outside the repository");
  }

  @Test
  void symbolicLinkWithinTheRepositoryIsFollowed() throws IOException {
    write("AGENTS.md", "# Agents\n\n[policy](SECURITY.md)\n");
    write("docs/SECURITY.md", "# Security\n\n[model](THREAT_MODEL.md)\n");
    write("THREAT_MODEL.md", MODEL);
    Files.createSymbolicLink(root.resolve("SECURITY.md"), root.resolve("docs/SECURITY.md"));
    assertThat(ThreatModels.fromRepository(root).discovery()).hasSize(3);
  }

  @Test
  void rootThatIsNotADirectoryIsAnError() throws IOException {
    write("file.txt", "x");
    assertThatThrownBy(() -> ThreatModels.fromRepository(root.resolve("file.txt")))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void explicitFilesNeedNoChain() throws IOException {
    write("a/model.md", MODEL);
    LoadedModel loaded = ThreatModels.fromFiles(root.resolve("a/model.md"), null);
    assertThat(loaded.discovery())
        .containsExactly(
            "threat model given: " + root.resolve("a/model.md"), "no security policy given");
    assertThat(loaded.model().securityPolicy()).isNull();
    assertThat(loaded.model().project()).isEqualTo("Demo");
  }

  @Test
  void siteGeneratorLinksWithoutMdAndFoldersGiveEveryPageInChainOrder() throws IOException {
    write("AGENTS.md", "# Agents\n\nSee [SECURITY.md](./SECURITY.md).\n");
    write(
        "SECURITY.md",
        "# Security\n\nModel under [docs/security/](./docs/security/):\n\n"
            + "- Core: [core](./docs/security/security-model.md)\n"
            + "- Streams: [streams][s]\n\n[s]: docs/security/security-model-streams\n");
    String frontMatter = "---\ntitle: Model\nweight: 8\n---\n\n";
    write(
        "docs/security/security-model.md",
        frontMatter + MODEL + "\n[c](../security-model-connect)\n");
    write("docs/security/security-model-streams.md", frontMatter + MODEL);
    write("docs/security/security-model-connect.md", frontMatter + MODEL);
    write("docs/security/security-model-extra.md", frontMatter + MODEL);
    write("docs/security/notes.md", "# Notes\n");

    LoadedModel loaded = ThreatModels.fromRepository(root);

    assertThat(loaded.model().pages())
        .containsExactly(
            "docs/security/security-model.md",
            "docs/security/security-model-streams.md",
            "docs/security/security-model-connect.md",
            "docs/security/security-model-extra.md");
    assertThat(loaded.discovery())
        .contains(
            "SECURITY.md -> docs/security/security-model-streams.md (link 'streams', line 6)",
            "docs/security/security-model.md -> docs/security/security-model-connect.md"
                + " (link 'c', line 14)");
    // Front matter is metadata, not a heading; line numbers stay those of the file.
    assertThat(loaded.model().sections())
        .noneMatch(s -> s.heading().contains("title"))
        .anyMatch(s -> s.heading().equals("Scope") && s.source().line() == 8);
  }

  @Test
  void agentsPointerWinsOverAStaleRootModel() throws IOException {
    write(
        "AGENTS.md",
        "# Agents\n\n[policy](SECURITY.md); the threat model is `site/_docs/threat-model.md`.\n");
    write("SECURITY.md", "# Security\n\nSee [THREAT_MODEL.md](THREAT_MODEL.md).\n");
    write("THREAT_MODEL.md", "# Stale threat model\n\n## Scope\n\n## Out of scope\n");
    write("site/_docs/threat-model.md", MODEL);

    LoadedModel loaded = ThreatModels.fromRepository(root);

    assertThat(loaded.model().pages()).containsExactly("site/_docs/threat-model.md");
    assertThat(loaded.discovery())
        .contains(
            "AGENTS.md -> site/_docs/threat-model.md (mentions 'site/_docs/threat-model.md', line 3)")
        .anyMatch(step -> step.startsWith("SECURITY.md -> THREAT_MODEL.md (not followed"));
  }

  @Test
  void anUnfollowableModelLinkNamesTheLinkAndItsFile() throws IOException {
    write("AGENTS.md", "# Agents\n\n[policy](SECURITY.md)\n");
    write("SECURITY.md", "# Security\n\nx\n\nThe [threat model](docs/SECURITY-THREAT-MODEL.md).\n");
    assertThatThrownBy(() -> ThreatModels.fromRepository(root))
        .isInstanceOfSatisfying(
            ThreatModelException.class,
            e -> {
              assertThat(e.file()).isEqualTo("SECURITY.md");
              assertThat(e.line()).isEqualTo(5);
            })
        .hasMessageContaining(
            "link 'docs/SECURITY-THREAT-MODEL.md' to the threat model names no file");
  }

  @Test
  void severalExplicitPagesAreOneModel() throws IOException {
    write("a/core.md", MODEL);
    write("a/extra.md", "# Extra\n\n## Known non-findings\n\n- **Weak hash** in `tools/`.\n");
    LoadedModel loaded =
        ThreatModels.fromFiles(
            java.util.List.of(root.resolve("a/core.md"), root.resolve("a/extra.md")), null);
    assertThat(loaded.model().pages()).hasSize(2);
    assertThat(loaded.model().nonFindings())
        .singleElement()
        .satisfies(n -> assertThat(n.source().file()).endsWith("extra.md"));
  }
}
