package dev.regard.kafka.authz.log;

import dev.regard.kafka.authz.input.InputDocument;
import dev.regard.kafka.authz.input.RequestFacts;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes decisions: one JSON line per decision to the logger {@code regard.decision}, and an entry
 * in OPA's decision-log format to each configured sink ({@link DecisionSinks}). Every deny is
 * written, allows are sampled at a configured rate, and every disagreement with a delegate
 * authorizer is written. Entries carry who asked for what and the outcome, never credentials (the
 * input document holds none). Sinks buffer and never make a decision wait.
 */
public final class DecisionLog implements AutoCloseable {
  public static final String LOGGER = "regard.decision";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  public static final String DROPPED = "decision-log-dropped-total";

  /**
   * One decision, as logged.
   *
   * @param shadow the policy's and the delegate's answers when they disagree; null otherwise
   */
  public record Entry(
      Instant time,
      RequestFacts facts,
      boolean allowed,
      String reason,
      String revision,
      long latencyNanos,
      boolean cacheHit,
      Shadow shadow) {

    public Entry(
        Instant time,
        RequestFacts facts,
        boolean allowed,
        String reason,
        String revision,
        long latencyNanos,
        boolean cacheHit) {
      this(time, facts, allowed, reason, revision, latencyNanos, cacheHit, null);
    }
  }

  private final double allowSampleRate;
  private final List<AsyncSink> sinks;
  private final LongAdder dropped;
  private final Clock clock;

  public DecisionLog(double allowSampleRate) {
    this(allowSampleRate, List.of(), new LongAdder(), Clock.systemUTC());
  }

  public DecisionLog(
      double allowSampleRate, List<AsyncSink> sinks, LongAdder dropped, Clock clock) {
    this.allowSampleRate = allowSampleRate;
    this.sinks = List.copyOf(sinks);
    this.dropped = dropped;
    this.clock = clock;
  }

  /**
   * Whether a decision with this outcome is to be written: every deny, allows at the sample rate,
   * and none when neither the logger nor a sink is on. Asked first so that unlogged decisions build
   * no entry.
   */
  public boolean wants(boolean allowed) {
    return (LOG.isInfoEnabled() || !sinks.isEmpty()) && sampled(allowed);
  }

  /** Writes an entry that {@link #wants} asked for. */
  public void record(Entry entry) {
    if (LOG.isInfoEnabled()) {
      LOG.info(line(entry));
    }
    for (AsyncSink sink : sinks) {
      sink.offer(entry);
    }
  }

  /**
   * Writes a disagreement between the policy and the delegate authorizer; the entry's result is the
   * answer returned to Kafka.
   */
  public void disagreement(
      RequestFacts facts, boolean policyAllowed, boolean delegateAllowed, String mode) {
    Shadow shadow = new Shadow(mode, policyAllowed, delegateAllowed);
    boolean decided = mode.equals("shadow") ? delegateAllowed : policyAllowed;
    record(
        new Entry(
            clock.instant(), facts, decided, "policy and delegate disagree", "", 0, false, shadow));
  }

  /** Hands the sinks what the broker tells its authorizer at start. */
  public void start(AuthorizerServerInfo serverInfo) {
    for (AsyncSink sink : sinks) {
      sink.start(serverInfo);
    }
  }

  /** Registers {@code decision-log-dropped-total}. */
  public void register(PluginMetrics metrics) {
    metrics.addMetric(
        metrics.metricName(
            DROPPED,
            "Decision-log entries the OPA-format sinks dropped: buffer full or write failed.",
            new LinkedHashMap<>()),
        (Gauge<Long>) (config, now) -> dropped.sum());
  }

  /** Entries the sinks dropped: buffers full or writes failed. */
  public long dropped() {
    return dropped.sum();
  }

  boolean sampled(boolean allowed) {
    return !allowed
        || allowSampleRate >= 1.0
        || (allowSampleRate > 0.0 && ThreadLocalRandom.current().nextDouble() < allowSampleRate);
  }

  /** The JSON line for one decision. */
  public static String line(Entry entry) {
    RequestFacts facts = entry.facts();
    ObjectValue.Builder line =
        ObjectValue.builder()
            .put("time", StringValue.of(entry.time().toString()))
            .put("principal", InputDocument.principal(facts))
            .put("clientAddress", StringValue.of(facts.clientAddress()))
            .put("listener", StringValue.of(facts.listener()))
            .put("operation", StringValue.of(facts.operation().name()))
            .put("resource", InputDocument.resource(facts))
            .put("result", StringValue.of(entry.allowed() ? "ALLOWED" : "DENIED"))
            .put("revision", StringValue.of(entry.revision()))
            .put("latencyMicros", NumberValue.of(entry.latencyNanos() / 1_000))
            .put("cacheHit", BooleanValue.of(entry.cacheHit()));
    if (entry.reason() != null) {
      line.put("reason", StringValue.of(entry.reason()));
    }
    if (entry.shadow() != null) {
      line.put("shadow", entry.shadow().value());
    }
    return Json.write(line.build());
  }

  /** Writes what the sinks hold and stops them. */
  @Override
  public void close() {
    for (AsyncSink sink : sinks) {
      sink.close();
    }
  }
}
