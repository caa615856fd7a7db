package dev.regard.kafka.authz.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

/**
 * Metrics registered through Kafka's own plugin metrics, read back from a real Metrics registry.
 */
class AuthorizerMetricsTest {
  @Test
  void recordsDecisionsLatencyErrorsAndReadsGauges() throws Exception {
    try (Metrics registry = new Metrics();
        PluginMetricsImpl plugin =
            new PluginMetricsImpl(
                registry, Map.of("config", "authorizer.class.name", "class", "RegardAuthorizer"))) {
      AuthorizerMetrics metrics = new AuthorizerMetrics();
      metrics.register(
          plugin, new AuthorizerMetrics.Sources(() -> 0.75, () -> "abc123", () -> 12.0, () -> 3L));
      metrics.decision(true);
      metrics.decision(true);
      metrics.decision(false);
      metrics.evaluation(2_000_000);
      metrics.evaluation(4_000_000);
      metrics.evaluation(1_000_000);
      metrics.error();

      assertThat(value(registry, "decisions-allowed-total")).isEqualTo(2.0);
      assertThat(value(registry, "decisions-denied-total")).isEqualTo(1.0);
      assertThat(value(registry, "evaluation-errors-total")).isEqualTo(1.0);
      assertThat((Double) value(registry, "evaluation-latency-max-us")).isEqualTo(4_000.0);
      assertThat((Double) value(registry, "evaluation-latency-avg-us")).isEqualTo(7_000.0 / 3);
      assertThat(value(registry, "cache-hit-ratio")).isEqualTo(0.75);
      assertThat(value(registry, "bundle-revision")).isEqualTo("abc123");
      assertThat(value(registry, "bundle-age-seconds")).isEqualTo(12.0);
      assertThat(value(registry, "bundle-load-failures-total")).isEqualTo(3L);
      assertThat(registry.metrics().keySet())
          .filteredOn(n -> "RegardAuthorizer".equals(n.tags().get("class")))
          .extracting(MetricName::name)
          .containsExactlyInAnyOrderElementsOf(AuthorizerMetrics.DESCRIPTIONS.keySet());
    }
  }

  @Test
  void recordingBeforeRegistrationIsHarmless() {
    AuthorizerMetrics metrics = new AuthorizerMetrics();
    assertThatCode(
            () -> {
              metrics.decision(true);
              metrics.evaluation(1);
              metrics.error();
            })
        .doesNotThrowAnyException();
  }

  private static Object value(Metrics registry, String name) {
    for (Map.Entry<MetricName, KafkaMetric> e : registry.metrics().entrySet()) {
      if (e.getKey().name().equals(name)) {
        assertThat(e.getKey().tags()).containsEntry("class", "RegardAuthorizer");
        return e.getValue().metricValue();
      }
    }
    throw new AssertionError("no metric " + name + " in " + registry.metrics().keySet());
  }
}
