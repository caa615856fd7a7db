package dev.regard.kafka.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.bundle.BundleDirs;
import dev.regard.kafka.bundle.BundleFixtures;
import dev.regard.testing.BundleSigner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a good bundle the embedded engine has nothing in force: start never completes, so the
 * broker opens no listener, and any decision asked anyway is a deny.
 */
class FailClosedStartTest {
  private static final Endpoint ENDPOINT =
      new Endpoint("SASL_PLAINTEXT", SecurityProtocol.SASL_PLAINTEXT, "localhost", 9092);

  @TempDir Path dir;

  private AuthorizationResult decide(RegardAuthorizer authorizer) {
    return authorizer
        .authorize(
            TestRequests.context("alice"),
            List.of(TestRequests.topic(AclOperation.WRITE, "orders")))
        .get(0);
  }

  private static RegardAuthorizer start(Map<String, String> config, Metrics registry) {
    RegardAuthorizer authorizer = new RegardAuthorizer();
    authorizer.configure(config);
    authorizer.withPluginMetrics(new PluginMetricsImpl(registry, Map.of()));
    var futures = authorizer.start(new TestServerInfo(List.of(ENDPOINT)));
    ((dev.regard.kafka.engine.EmbeddedEngine) authorizer.engine()).watcher().poll();
    assertThat(futures.get(ENDPOINT).toCompletableFuture()).isNotCompleted();
    return authorizer;
  }

  @Test
  void aMissingBundleDirectoryKeepsTheBrokerClosed() {
    try (Metrics registry = new Metrics()) {
      RegardAuthorizer authorizer =
          start(
              Map.of(
                  "regard.bundle.path",
                  dir.resolve("absent").toString(),
                  "regard.bundle.poll.interval.ms",
                  "3600000"),
              registry);
      assertThat(decide(authorizer)).isEqualTo(AuthorizationResult.DENIED);
      // The watcher thread polls too, so at least the poll above has failed.
      assertThat((Long) metric(registry, "bundle-load-failures-total")).isGreaterThanOrEqualTo(1L);
      assertThat(metric(registry, "bundle-revision")).isEqualTo("");
      assertThat(metric(registry, "decisions-denied-total")).isEqualTo(1.0);
      authorizer.close();
    }
  }

  @Test
  void anUnsignedBundleIsRefusedWhenAKeyIsConfigured() throws Exception {
    BundleDirs.write(dir, BundleFixtures.files("alice"));
    try (Metrics registry = new Metrics()) {
      RegardAuthorizer authorizer =
          start(
              Map.of(
                  "regard.bundle.path", dir.toString(),
                  "regard.bundle.poll.interval.ms", "3600000",
                  "regard.bundle.verification.key", new BundleSigner().publicKeyPem()),
              registry);
      assertThat(decide(authorizer)).isEqualTo(AuthorizationResult.DENIED);
      authorizer.close();
    }
  }

  private static Object metric(Metrics registry, String name) {
    for (Map.Entry<MetricName, KafkaMetric> e : registry.metrics().entrySet()) {
      if (e.getKey().name().equals(name)) {
        return e.getValue().metricValue();
      }
    }
    throw new AssertionError("no metric " + name);
  }
}
