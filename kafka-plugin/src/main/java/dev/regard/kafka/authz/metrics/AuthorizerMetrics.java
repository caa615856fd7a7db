package dev.regard.kafka.authz.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * The authorizer's metrics, registered through Kafka's plugin metrics (KIP-877) so they appear
 * under the broker's own metrics with the plugin's tags. Until the broker hands over its plugin
 * metrics, recording does nothing.
 */
public final class AuthorizerMetrics {
  /** Evaluation percentiles are tracked up to this many microseconds; slower ones count as this. */
  private static final double MAX_LATENCY_MICROS = 10_000;

  /** What the metrics read from the authorizer on demand. */
  public record Sources(
      Supplier<Double> cacheHitRatio,
      Supplier<String> bundleRevision,
      Supplier<Double> bundleAgeSeconds,
      Supplier<Long> bundleLoadFailures) {}

  /** Every metric's name and meaning, in registration order; docs/configuration.md lists them. */
  public static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

  static {
    DESCRIPTIONS.put("decisions-allowed-total", "Allowed decisions.");
    DESCRIPTIONS.put("decisions-allowed-rate", "Allowed decisions per second.");
    DESCRIPTIONS.put("decisions-denied-total", "Denied decisions.");
    DESCRIPTIONS.put("decisions-denied-rate", "Denied decisions per second.");
    DESCRIPTIONS.put("evaluation-errors-total", "Decisions that failed and so were denied.");
    DESCRIPTIONS.put(
        "evaluation-latency-avg-us",
        "Mean time to evaluate the policy for a decision the cache did not answer, microseconds.");
    DESCRIPTIONS.put("evaluation-latency-max-us", "Longest policy evaluation, microseconds.");
    DESCRIPTIONS.put("evaluation-latency-p50-us", "Median policy evaluation, microseconds.");
    DESCRIPTIONS.put(
        "evaluation-latency-p99-us", "99th percentile policy evaluation, microseconds.");
    DESCRIPTIONS.put(
        "evaluation-latency-p999-us", "99.9th percentile policy evaluation, microseconds.");
    DESCRIPTIONS.put("cache-hit-ratio", "Share of decisions answered from the decision cache.");
    DESCRIPTIONS.put("bundle-revision", "Revision of the policy bundle in force; empty when none.");
    DESCRIPTIONS.put(
        "bundle-age-seconds", "Seconds since the bundle in force was loaded; -1 when none.");
    DESCRIPTIONS.put(
        "bundle-load-failures-total", "Bundles that failed to fetch, verify, compile or test.");
  }

  private volatile Sensor allowed;
  private volatile Sensor denied;
  private volatile Sensor errors;
  private volatile Sensor latency;

  /** Registers every metric; called once by the broker. */
  public void register(PluginMetrics metrics, Sources sources) {
    Sensor allowedSensor = metrics.addSensor("regard-decisions-allowed");
    allowedSensor.add(name(metrics, "decisions-allowed-total"), new CumulativeCount());
    allowedSensor.add(name(metrics, "decisions-allowed-rate"), new Rate());
    Sensor deniedSensor = metrics.addSensor("regard-decisions-denied");
    deniedSensor.add(name(metrics, "decisions-denied-total"), new CumulativeCount());
    deniedSensor.add(name(metrics, "decisions-denied-rate"), new Rate());
    Sensor errorSensor = metrics.addSensor("regard-evaluation-errors");
    errorSensor.add(name(metrics, "evaluation-errors-total"), new CumulativeCount());
    Sensor latencySensor = metrics.addSensor("regard-evaluation-latency");
    latencySensor.add(name(metrics, "evaluation-latency-avg-us"), new Avg());
    latencySensor.add(name(metrics, "evaluation-latency-max-us"), new Max());
    latencySensor.add(
        new Percentiles(
            4_000,
            MAX_LATENCY_MICROS,
            Percentiles.BucketSizing.LINEAR,
            new Percentile(name(metrics, "evaluation-latency-p50-us"), 50),
            new Percentile(name(metrics, "evaluation-latency-p99-us"), 99),
            new Percentile(name(metrics, "evaluation-latency-p999-us"), 99.9)));
    metrics.addMetric(
        name(metrics, "cache-hit-ratio"),
        (Gauge<Double>) (config, now) -> sources.cacheHitRatio().get());
    metrics.addMetric(
        name(metrics, "bundle-revision"),
        (Gauge<String>) (config, now) -> sources.bundleRevision().get());
    metrics.addMetric(
        name(metrics, "bundle-age-seconds"),
        (Gauge<Double>) (config, now) -> sources.bundleAgeSeconds().get());
    metrics.addMetric(
        name(metrics, "bundle-load-failures-total"),
        (Gauge<Long>) (config, now) -> sources.bundleLoadFailures().get());
    allowed = allowedSensor;
    denied = deniedSensor;
    errors = errorSensor;
    latency = latencySensor;
  }

  private static MetricName name(PluginMetrics metrics, String name) {
    return metrics.metricName(name, DESCRIPTIONS.get(name), new LinkedHashMap<>());
  }

  /** Counts one decision by its result; cheap enough for every decision, cached or not. */
  public void decision(boolean wasAllowed) {
    Sensor s = wasAllowed ? allowed : denied;
    if (s != null) {
      s.record();
    }
  }

  /**
   * Records the time one policy evaluation took. Only evaluations are timed: a cached decision
   * costs well under a microsecond, and timing it would cost as much again.
   */
  public void evaluation(long latencyNanos) {
    Sensor s = latency;
    if (s != null) {
      s.record(latencyNanos / 1_000.0);
    }
  }

  public void error() {
    Sensor s = errors;
    if (s != null) {
      s.record();
    }
  }
}
