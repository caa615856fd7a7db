package dev.regard.kafka.bundle;

import static dev.regard.kafka.bundle.BundleFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.bundle.BundleException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitBundleSourceTest {
  @TempDir Path repoDir;

  @Test
  void readsTheBundleUnderAPathAtARefWithTheCommitAsRevision() throws Exception {
    try (GitRepo repo = new GitRepo(repoDir);
        GitBundleSource source =
            new GitBundleSource(
                repo.url(), "main", "policies/kafka", Duration.ofSeconds(30), 1 << 20)) {
      String first = repo.commit("policies/kafka", BundleFixtures.files("alice"), "first");
      repo.commit("", Map.of("README.md", bytes("not part of the bundle")), "docs");
      BundleFiles files = source.fetch().orElseThrow();
      assertThat(files.files())
          .containsOnlyKeys(".manifest", "kafka/authz/policy.rego", "kafka/authz/data.json");
      assertThat(files.revision()).isNotEqualTo(first).hasSize(40);
      assertThat(source.fetch()).isEmpty();

      String third = repo.commit("policies/kafka", BundleFixtures.files("bob"), "bob writes");
      BundleFiles next = source.fetch().orElseThrow();
      assertThat(next.revision()).isEqualTo(third);
      assertThat(
              new String(
                  next.files().get("kafka/authz/data.json"),
                  java.nio.charset.StandardCharsets.UTF_8))
          .contains("bob");
    }
  }

  @Test
  void aPinnedCommitAndMissingRefsOrPaths() throws Exception {
    try (GitRepo repo = new GitRepo(repoDir)) {
      String first = repo.commit("", BundleFixtures.files("alice"), "first");
      repo.commit("", BundleFixtures.files("bob"), "second");
      try (GitBundleSource pinned =
          new GitBundleSource(repo.url(), first, "", Duration.ofSeconds(30), 1 << 20)) {
        assertThat(pinned.fetch().orElseThrow().revision()).isEqualTo(first);
      }
      try (GitBundleSource noRef =
          new GitBundleSource(repo.url(), "release", "", Duration.ofSeconds(30), 1 << 20)) {
        assertThatThrownBy(noRef::fetch)
            .isInstanceOf(BundleException.class)
            .hasMessageContaining("ref 'release' not found");
      }
      try (GitBundleSource noPath =
          new GitBundleSource(repo.url(), "main", "nowhere", Duration.ofSeconds(30), 1 << 20)) {
        assertThatThrownBy(noPath::fetch).hasMessageContaining("no directory 'nowhere'");
      }
    }
  }

  @Test
  void anUnreachableRepositoryIsAClearFailure() {
    try (GitBundleSource source =
        new GitBundleSource(
            repoDir.resolve("absent").toUri().toString(),
            "main",
            "",
            Duration.ofSeconds(5),
            1 << 20)) {
      assertThatThrownBy(source::fetch)
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("git ");
    }
  }
}
