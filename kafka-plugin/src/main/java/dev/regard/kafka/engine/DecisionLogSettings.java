package dev.regard.kafka.engine;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The keys of the decision-log sinks that write entries in OPA's decision-log format: a rotated
 * JSON-lines file, a Kafka topic and an HTTP endpoint speaking OPA's upload protocol. A sink is on
 * when its location is set.
 */
public final class DecisionLogSettings {
  public static final String PREFIX = "regard.decision.log.";
  public static final String FILE_PATH = PREFIX + "file.path";
  public static final String FILE_MAX_BYTES = PREFIX + "file.max.bytes";
  public static final String FILE_MAX_FILES = PREFIX + "file.max.files";
  public static final String KAFKA_TOPIC = PREFIX + "kafka.topic";

  public static final String KAFKA_LISTENER = PREFIX + "kafka.listener";

  /** Producer settings for the Kafka sink are the keys with this prefix, the prefix removed. */
  public static final String KAFKA_PRODUCER_PREFIX = PREFIX + "kafka.producer.";

  public static final String HTTP_URL = PREFIX + "http.url";
  public static final String HTTP_TOKEN = PREFIX + "http.token";
  public static final String HTTP_TIMEOUT_MS = PREFIX + "http.timeout.ms";
  public static final String BUFFER_ENTRIES = PREFIX + "buffer.entries";
  public static final String BATCH_ENTRIES = PREFIX + "batch.entries";
  public static final String FLUSH_INTERVAL_MS = PREFIX + "flush.interval.ms";
  public static final String MASK_PATHS = PREFIX + "mask.paths";

  private DecisionLogSettings() {}

  /** Adds the keys to {@code def}. */
  public static ConfigDef define(ConfigDef def) {
    return def.define(
            FILE_PATH,
            Type.STRING,
            "",
            Importance.LOW,
            "Write decision-log entries in OPA's format as JSON lines to this file; empty for"
                + " none.")
        .define(
            FILE_MAX_BYTES,
            Type.LONG,
            100L << 20,
            Range.atLeast(1024),
            Importance.LOW,
            "The decision-log file is rotated (to .1, .2, ...) once it grows past this many bytes.")
        .define(
            FILE_MAX_FILES,
            Type.INT,
            5,
            Range.atLeast(1),
            Importance.LOW,
            "How many rotated decision-log files are kept beside the current one.")
        .define(
            KAFKA_TOPIC,
            Type.STRING,
            "",
            Importance.LOW,
            "Produce decision-log entries in OPA's format to this topic, keyed by decision_id;"
                + " empty for none. The producer is configured with the "
                + KAFKA_PRODUCER_PREFIX
                + "* keys (bootstrap.servers, security settings), starts in the background and"
                + " never delays the broker's start. Decisions about this topic itself are not"
                + " produced to it, so the producer's own requests cannot loop.")
        .define(
            KAFKA_LISTENER,
            Type.STRING,
            "",
            Importance.LOW,
            "Without "
                + KAFKA_PRODUCER_PREFIX
                + "bootstrap.servers, the Kafka sink produces to this broker's own endpoint on this"
                + " listener; empty for the inter-broker listener.")
        .define(
            HTTP_URL,
            Type.STRING,
            "",
            Importance.LOW,
            "Upload decision-log entries as OPA does: gzip-compressed JSON arrays POSTed to"
                + " <url>/logs. Empty for none.")
        .define(
            HTTP_TOKEN,
            Type.PASSWORD,
            null,
            Importance.LOW,
            "A bearer token sent with every upload. Never logged.")
        .define(
            HTTP_TIMEOUT_MS,
            Type.LONG,
            10_000L,
            Range.atLeast(1),
            Importance.LOW,
            "How long one upload may take.")
        .define(
            BUFFER_ENTRIES,
            Type.INT,
            10_000,
            Range.atLeast(1),
            Importance.LOW,
            "Entries each sink holds while it writes; when full, new entries are dropped and"
                + " counted in decision-log-dropped-total, so authorization never waits.")
        .define(
            BATCH_ENTRIES,
            Type.INT,
            500,
            Range.atLeast(1),
            Importance.LOW,
            "The most entries a sink writes or uploads at once.")
        .define(
            FLUSH_INTERVAL_MS,
            Type.LONG,
            1_000L,
            Range.atLeast(1),
            Importance.LOW,
            "How long a sink waits for a batch to fill before writing what it has.")
        .define(
            MASK_PATHS,
            Type.LIST,
            List.of(),
            Importance.LOW,
            "Members erased from every entry before it is written, as JSON pointers like OPA's"
                + " mask paths (/input/client/address); each erased path is listed in the entry's"
                + " erased member.");
  }
}
