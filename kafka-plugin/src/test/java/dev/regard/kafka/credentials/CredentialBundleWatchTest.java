package dev.regard.kafka.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.bundle.Bundle;
import dev.regard.kafka.bundle.BundleReader;
import dev.regard.kafka.bundle.BundleWatcher;
import dev.regard.kafka.bundle.DirectoryBundleSource;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential check wired into a real bundle watcher over a bundle directory, as the shared
 * engines wire it: a bundle with a plaintext password never replaces the bundle in force.
 */
class CredentialBundleWatchTest {
  @TempDir Path dir;

  @Test
  void aBundleWithAPlaintextPasswordIsRejectedAndTheGoodOneStays() throws Exception {
    Path data = dir.resolve("kafka").resolve("credentials");
    Files.createDirectories(data);
    Files.writeString(
        dir.resolve("policy.rego"), "package kafka.authn\n\ndefault allow := false\n");
    ObjectValue alice = CredentialEntries.of("pw".toCharArray(), 10_000, 4096, new SecureRandom());
    Files.writeString(
        data.resolve("data.json"), Json.write(ObjectValue.builder().put("alice", alice).build()));
    BundleReader reader = new BundleReader(Optional.empty());
    BundleWatcher<Bundle> watcher =
        new BundleWatcher<>(
            new CredentialCheckingSource(new DirectoryBundleSource(dir, 1 << 20), reader),
            reader,
            bundle -> bundle,
            Duration.ofMinutes(1),
            Clock.systemUTC());
    try (watcher) {
      assertThat(watcher.poll()).isTrue();
      String good = watcher.current().orElseThrow().bundle().revision();

      Files.writeString(data.resolve("data.json"), "{\"alice\": {\"password\": \"pw\"}}");
      assertThat(watcher.poll()).isFalse();
      assertThat(watcher.failures()).isEqualTo(1);
      assertThat(watcher.current().orElseThrow().bundle().revision()).isEqualTo(good);
    }
  }
}
