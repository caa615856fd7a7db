package dev.regard.kafka.bundle;

import static dev.regard.kafka.bundle.BundleFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.bundle.VerificationConfig;
import dev.regard.rego.bundle.VerificationKey;
import dev.regard.rego.value.Json;
import dev.regard.testing.BundleSigner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher swaps in good bundles only. Its compiled form here is the bundle itself, so these
 * tests exercise fetching, reading and verifying; compilation failures are covered with the Rego
 * engine.
 */
class BundleWatcherTest {
  @TempDir Path dir;

  private BundleWatcher<Bundle> watcher(BundleSource source, Optional<VerificationKey> key) {
    BundleReader reader = BundleReader.create();
    if (key.isPresent()) {
      reader = reader.withVerification(VerificationConfig.of("regard", key.get()));
    }
    return new BundleWatcher<>(source, reader, b -> b, Duration.ofHours(1), Clock.systemUTC());
  }

  private static String writers(BundleWatcher<Bundle> w) {
    return Json.write(w.current().orElseThrow().compiled().data());
  }

  @Test
  void aBadBundleNeverReplacesTheGoodOne() throws Exception {
    BundleDirs.write(dir, BundleFixtures.files("alice"));
    try (BundleWatcher<Bundle> w =
        watcher(new DirectoryBundleSource(dir, 1 << 20), Optional.empty())) {
      assertThat(w.firstLoad()).isNotCompleted();
      assertThat(w.poll()).isTrue();
      assertThat(w.firstLoad()).isCompleted();
      String good = w.current().orElseThrow().revision();

      BundleDirs.write(dir, Map.of("kafka/authz/data.json", bytes("{\"writers\": [")));
      assertThat(w.poll()).isFalse();
      assertThat(w.failures()).isEqualTo(1);
      assertThat(w.current().orElseThrow().revision()).isEqualTo(good);
      assertThat(writers(w)).contains("alice");

      BundleDirs.write(dir, BundleFixtures.files("bob"));
      assertThat(w.poll()).isTrue();
      assertThat(writers(w)).contains("bob").doesNotContain("alice");
      assertThat(w.loads()).isEqualTo(2);
    }
  }

  @Test
  void withoutAGoodBundleNothingIsInForce() {
    try (BundleWatcher<Bundle> w =
        watcher(new DirectoryBundleSource(dir.resolve("missing"), 1 << 20), Optional.empty())) {
      assertThat(w.poll()).isFalse();
      assertThat(w.current()).isEmpty();
      assertThat(w.firstLoad()).isNotCompleted();
      assertThat(w.failures()).isEqualTo(1);
    }
  }

  @Test
  void aBadSignatureOverHttpLeavesThePreviousBundle() throws Exception {
    BundleSigner signer = new BundleSigner();
    try (BundleHttpServer server = new BundleHttpServer();
        BundleWatcher<Bundle> w =
            watcher(
                new HttpBundleSource(server.url(), Duration.ofSeconds(5), 1 << 20, null),
                Optional.of(new VerificationKey("RS256", signer.publicKeyPem(), null)))) {
      server.publish(signer.sign(BundleFixtures.files("alice")));
      assertThat(w.poll()).isTrue();
      Map<String, byte[]> forged = signer.sign(BundleFixtures.files("alice"));
      forged.put("kafka/authz/data.json", bytes("{\"writers\":[\"mallory\"]}"));
      server.publish(forged);
      assertThat(w.poll()).isFalse();
      assertThat(writers(w)).contains("alice").doesNotContain("mallory");
      server.publish(signer.sign(BundleFixtures.files("bob")));
      assertThat(w.poll()).isTrue();
      assertThat(writers(w)).contains("bob");
    }
  }

  @Test
  void aBrokenGitCommitLeavesThePreviousCommitInForce() throws Exception {
    try (GitRepo repo = new GitRepo(dir);
        BundleWatcher<Bundle> w =
            watcher(
                new GitBundleSource(repo.url(), "main", "", Duration.ofSeconds(30), 1 << 20),
                Optional.empty())) {
      String good = repo.commit("", BundleFixtures.files("alice"), "good");
      assertThat(w.poll()).isTrue();
      repo.commit("", Map.of("kafka/authz/data.json", bytes("{broken")), "broken data");
      assertThat(w.poll()).isFalse();
      assertThat(w.current().orElseThrow().revision()).isEqualTo(good);
      String fixed = repo.commit("", BundleFixtures.files("bob"), "fixed");
      assertThat(w.poll()).isTrue();
      assertThat(w.current().orElseThrow().revision()).isEqualTo(fixed);
    }
  }
}
