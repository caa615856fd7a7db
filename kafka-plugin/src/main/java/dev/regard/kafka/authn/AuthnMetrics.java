package dev.regard.kafka.authn;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.utils.Time;

/**
 * Counts authentications by mechanism and outcome, published over JMX as {@code
 * regard.authn:type=regard-authn-metrics,mechanism=...,outcome=...} ({@code
 * authentications-total}). Kafka gives callback handlers no metrics registry, so the plugin keeps
 * its own, one per JVM.
 */
public final class AuthnMetrics {
  private static final String GROUP = "regard-authn-metrics";
  private static final Metrics METRICS =
      new Metrics(
          new MetricConfig(),
          List.of(new JmxReporter()),
          Time.SYSTEM,
          new KafkaMetricsContext("regard.authn"));

  private AuthnMetrics() {}

  /** A client was admitted. */
  public static void success(String mechanism) {
    sensor(mechanism, "success").record();
  }

  /** A client was refused, by a credential check or by the policy. */
  public static void failure(String mechanism, String outcome) {
    sensor(mechanism, outcome).record();
  }

  /** The count so far for a mechanism and outcome. */
  public static double count(String mechanism, String outcome) {
    KafkaMetric metric = METRICS.metric(name(mechanism, outcome));
    return metric == null ? 0.0 : ((Number) metric.metricValue()).doubleValue();
  }

  private static Sensor sensor(String mechanism, String outcome) {
    String sensorName = "regard-authn:" + mechanism + ":" + outcome;
    synchronized (METRICS) {
      Sensor sensor = METRICS.getSensor(sensorName);
      if (sensor == null) {
        sensor = METRICS.sensor(sensorName);
        sensor.add(name(mechanism, outcome), new CumulativeCount());
      }
      return sensor;
    }
  }

  private static MetricName name(String mechanism, String outcome) {
    return METRICS.metricName(
        "authentications-total",
        GROUP,
        "Authentications by SASL mechanism and outcome",
        Map.of("mechanism", mechanism, "outcome", outcome));
  }
}
