package dev.regard.kafka.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authn.PlainCallbackHandler;
import dev.regard.kafka.bundle.BundleDirs;
import dev.regard.kafka.bundle.BundleFixtures;
import dev.regard.kafka.engine.Policy;
import dev.regard.kafka.engine.PolicyEngine;
import dev.regard.kafka.engine.SharedEngines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorizer and the authentication handlers of one JVM, configured as Kafka configures them
 * (each with its own settings map), use one engine: while bundles are swapped under load, the
 * authorizer's engine and the one the handler leased report the same revision at every instant.
 */
class OneEngineSwapTest {
  @TempDir Path dir;

  private Map<String, Object> engineSettings() {
    Map<String, Object> s = new HashMap<>();
    s.put("regard.bundle.path", dir.toString());
    s.put("regard.bundle.poll.interval.ms", "100");
    return s;
  }

  @Test
  void authenticationAndAuthorizationSwapRevisionsTogether() throws Exception {
    BundleDirs.write(dir, BundleFixtures.files("writer-0"));
    Map<String, Object> authzSettings = engineSettings();
    authzSettings.put("regard.cache.max.entries", "0");
    authzSettings.put("super.users", "User:admin");
    Map<String, Object> authnSettings = engineSettings();
    authnSettings.put("regard.authn.ready.timeout.ms", "10000");
    authnSettings.put("listener.name.external.plain.sasl.jaas.config", "unused");

    RegardAuthorizer authorizer = new RegardAuthorizer();
    PlainCallbackHandler handler = new PlainCallbackHandler();
    try (authorizer;
        handler) {
      authorizer.configure(authzSettings);
      handler.configure(authnSettings, "PLAIN", List.of());
      PolicyEngine authz = authorizer.engine();
      PolicyEngine authn = SharedEngines.existing(authnSettings).orElseThrow();
      authz.ready().get();

      AtomicBoolean swapping = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
      List<String> seen = new ArrayList<>();
      List<Thread> samplers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Thread sampler =
            new Thread(
                () -> {
                  while (swapping.get()) {
                    String a = revision(authz);
                    String b = revision(authn);
                    String c = revision(authz);
                    // Revisions only move forward, so what authentication saw between two
                    // authorization samples must be one of them.
                    if (!b.equals(a) && !b.equals(c)) {
                      mismatches.add(a + " / " + b + " / " + c);
                    }
                    Thread.yield();
                  }
                });
        sampler.start();
        samplers.add(sampler);
      }
      for (int i = 1; i <= 15; i++) {
        BundleDirs.write(dir, BundleFixtures.files("writer-" + i));
        String before = revision(authz);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (revision(authz).equals(before) && System.nanoTime() < deadline) {
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        seen.add(revision(authz));
      }
      swapping.set(false);
      for (Thread sampler : samplers) {
        sampler.join();
      }
      assertThat(seen).doesNotHaveDuplicates().hasSize(15);
      assertThat(mismatches).isEmpty();
      assertThat(authz).isSameAs(authn);
    }
  }

  private static String revision(PolicyEngine engine) {
    return engine.current().map(Policy::revision).orElse("");
  }
}
