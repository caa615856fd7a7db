package dev.regard.kafka.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authz.delegate.Delegation;
import dev.regard.kafka.authz.log.DecisionLog;
import dev.regard.kafka.bundle.BundleFixtures;
import dev.regard.testing.LogLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regard with Kafka's StandardAuthorizer running inside it: the policy lets alice write to {@code
 * orders}, the delegate's ACL lets bob. In shadow mode the delegate decides, in enforce mode the
 * policy; in both each disagreement counts in {@code shadow-disagreements-total} and is a
 * decision-log line with both outcomes, and an agreement is neither.
 */
class ShadowModeTest {
  private static final Endpoint ENDPOINT =
      new Endpoint("SASL_PLAINTEXT", SecurityProtocol.SASL_PLAINTEXT, "localhost", 9092);

  @TempDir Path dir;
  private final Metrics metrics = new Metrics();
  private RegardAuthorizer authorizer;

  @AfterEach
  void tearDown() {
    if (authorizer != null) {
      authorizer.close();
    }
    metrics.close();
  }

  private void start(String mode) throws Exception {
    for (Map.Entry<String, byte[]> file : BundleFixtures.files("alice").entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    authorizer = new RegardAuthorizer();
    authorizer.configure(
        Map.of(
            "regard.bundle.source",
            "dir",
            "regard.bundle.path",
            dir.toString(),
            "regard.bundle.poll.interval.ms",
            "3600000",
            "regard.delegate.authorizer.class.name",
            StandardAuthorizer.class.getName(),
            "regard.mode",
            mode));
    authorizer.withPluginMetrics(new PluginMetricsImpl(metrics, Map.of()));
    // As the metadata log feeds a KRaft broker's authorizer: through Regard, to the delegate.
    authorizer.loadSnapshot(
        Map.of(
            Uuid.randomUuid(),
            new StandardAcl(
                ResourceType.TOPIC,
                "orders",
                PatternType.LITERAL,
                "User:bob",
                "*",
                AclOperation.WRITE,
                AclPermissionType.ALLOW)));
    authorizer.completeInitialLoad();
    authorizer
        .start(new TestServerInfo(List.of(ENDPOINT)))
        .get(ENDPOINT)
        .toCompletableFuture()
        .join();
  }

  private AuthorizationResult write(String user) {
    return authorizer
        .authorize(
            TestRequests.context(user), List.of(TestRequests.topic(AclOperation.WRITE, "orders")))
        .get(0);
  }

  private double disagreements() {
    return metrics.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(Delegation.DISAGREEMENTS))
        .map(Map.Entry::getValue)
        .map(KafkaMetric::metricValue)
        .mapToDouble(v -> (Double) v)
        .findFirst()
        .orElseThrow();
  }

  private static List<String> shadowLines(LogLines log) {
    return log.lines().stream().filter(l -> l.contains("\"shadow\"")).toList();
  }

  @Test
  void inShadowModeTheDelegateDecidesAndDisagreementsAreCountedAndLogged() throws Exception {
    try (LogLines log = new LogLines(DecisionLog.LOGGER)) {
      start("shadow");
      assertThat(write("alice")).isEqualTo(AuthorizationResult.DENIED);
      assertThat(write("bob")).isEqualTo(AuthorizationResult.ALLOWED);
      assertThat(write("carol")).isEqualTo(AuthorizationResult.DENIED);

      assertThat(disagreements()).isEqualTo(2.0);
      assertThat(shadowLines(log)).hasSize(2);
      assertThat(shadowLines(log).get(0))
          .contains("\"name\":\"alice\"")
          .contains("\"result\":\"DENIED\"")
          .contains(
              "\"shadow\":{\"decided\":\"DENIED\",\"delegate\":\"DENIED\",\"mode\":\"shadow\","
                  + "\"policy\":\"ALLOWED\"}");
      assertThat(shadowLines(log).get(1))
          .contains("\"name\":\"bob\"")
          .contains("\"result\":\"ALLOWED\"")
          .contains(
              "\"shadow\":{\"decided\":\"ALLOWED\",\"delegate\":\"ALLOWED\",\"mode\":\"shadow\","
                  + "\"policy\":\"DENIED\"}");
    }
  }

  @Test
  void inEnforceModeThePolicyDecidesAndDisagreementsAreCountedAndLogged() throws Exception {
    try (LogLines log = new LogLines(DecisionLog.LOGGER)) {
      start("enforce");
      assertThat(write("alice")).isEqualTo(AuthorizationResult.ALLOWED);
      assertThat(write("bob")).isEqualTo(AuthorizationResult.DENIED);
      assertThat(write("carol")).isEqualTo(AuthorizationResult.DENIED);

      assertThat(disagreements()).isEqualTo(2.0);
      assertThat(shadowLines(log)).hasSize(2);
      assertThat(shadowLines(log).get(0))
          .contains("\"name\":\"alice\"")
          .contains("\"result\":\"ALLOWED\"")
          .contains(
              "\"shadow\":{\"decided\":\"ALLOWED\",\"delegate\":\"DENIED\",\"mode\":\"enforce\","
                  + "\"policy\":\"ALLOWED\"}");
      assertThat(shadowLines(log).get(1))
          .contains("\"name\":\"bob\"")
          .contains(
              "\"shadow\":{\"decided\":\"DENIED\",\"delegate\":\"ALLOWED\",\"mode\":\"enforce\","
                  + "\"policy\":\"DENIED\"}");
    }
  }
}
