package dev.regard.kafka.authz.log;

import dev.regard.kafka.authz.input.InputDocument;
import dev.regard.kafka.authz.input.RequestFacts;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per decision to the logger {@code regard.decision}: every deny, and allows
 * sampled at a configured rate. Lines carry who asked for what and the outcome, never credentials
 * (the input document holds none).
 */
public final class DecisionLog {
  public static final String LOGGER = "regard.decision";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  /** One decision, as logged. */
  public record Entry(
      Instant time,
      RequestFacts facts,
      boolean allowed,
      String reason,
      String revision,
      long latencyNanos,
      boolean cacheHit) {}

  private final double allowSampleRate;

  public DecisionLog(double allowSampleRate) {
    this.allowSampleRate = allowSampleRate;
  }

  /**
   * Whether a decision with this outcome is to be written: every deny, allows at the sample rate,
   * and none when the logger is off. Asked first so that unlogged decisions build no entry.
   */
  public boolean wants(boolean allowed) {
    return LOG.isInfoEnabled() && sampled(allowed);
  }

  /** Writes an entry that {@link #wants} asked for. */
  public void record(Entry entry) {
    LOG.info(line(entry));
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
    return Json.write(line.build());
  }
}
