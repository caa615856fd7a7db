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
            "AGENTS.md -> SECURITY.md (mentions 'SECURITY.md')",
            "SECURITY.md -> docs/security/THREAT_MODEL.md (mentions 'THREAT_MODEL.md')");
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
}
