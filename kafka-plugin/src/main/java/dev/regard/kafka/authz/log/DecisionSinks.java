package dev.regard.kafka.authz.log;

import dev.regard.kafka.engine.AuthorizerConfig;
import dev.regard.kafka.engine.DecisionLogSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Builds the decision log and the sinks the configuration turns on. */
public final class DecisionSinks {
  /** The name the bundle's revision is reported under in {@code bundles}. */
  public static final String BUNDLE_NAME = "regard";

  private DecisionSinks() {}

  /** The decision log of an authorizer with {@code config}. */
  public static DecisionLog create(
      AuthorizerConfig config, Map<String, ?> brokerConfigs, Clock clock) {
    OpaEvent format = format(config, brokerConfigs);
    int buffer = config.getInt(DecisionLogSettings.BUFFER_ENTRIES);
    int batch = config.getInt(DecisionLogSettings.BATCH_ENTRIES);
    long flush = config.getLong(DecisionLogSettings.FLUSH_INTERVAL_MS);
    LongAdder dropped = new LongAdder();
    List<AsyncSink> sinks = new ArrayList<>();
    String file = config.getString(DecisionLogSettings.FILE_PATH);
    if (!file.isBlank()) {
      sinks.add(
          new FileSink(
              Path.of(file),
              config.getLong(DecisionLogSettings.FILE_MAX_BYTES),
              config.getInt(DecisionLogSettings.FILE_MAX_FILES),
              format,
              buffer,
              batch,
              flush,
              dropped));
    }
    String topic = config.getString(DecisionLogSettings.KAFKA_TOPIC);
    if (!topic.isBlank()) {
      Map<String, Object> producer = new LinkedHashMap<>();
      brokerConfigs.forEach(
          (k, v) -> {
            if (k.startsWith(DecisionLogSettings.KAFKA_PRODUCER_PREFIX)) {
              producer.put(
                  k.substring(DecisionLogSettings.KAFKA_PRODUCER_PREFIX.length()),
                  v instanceof Password p ? p.value() : v);
            }
          });
      sinks.add(
          new KafkaSink(
              topic,
              config.getString(DecisionLogSettings.KAFKA_LISTENER),
              producer,
              format,
              buffer,
              batch,
              flush,
              dropped));
    }
    String url = config.getString(DecisionLogSettings.HTTP_URL);
    if (!url.isBlank()) {
      Password token = config.getPassword(DecisionLogSettings.HTTP_TOKEN);
      sinks.add(
          new HttpSink(
              url,
              token == null ? null : token.value(),
              Duration.ofMillis(config.getLong(DecisionLogSettings.HTTP_TIMEOUT_MS)),
              format,
              buffer,
              batch,
              flush,
              dropped));
    }
    return new DecisionLog(
        config.getDouble(AuthorizerConfig.DECISION_LOG_ALLOW_SAMPLE_RATE), sinks, dropped, clock);
  }

  static OpaEvent format(AuthorizerConfig config, Map<String, ?> brokerConfigs) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("id", UUID.randomUUID().toString());
    labels.put("version", "regard-" + version());
    Object node = brokerConfigs.get("node.id");
    if (node != null) {
      labels.put("node_id", node.toString());
    }
    List<JsonPointer> masks = new ArrayList<>();
    for (String path : config.getList(DecisionLogSettings.MASK_PATHS)) {
      try {
        masks.add(JsonPointer.parse(path));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(DecisionLogSettings.MASK_PATHS, path, e.getMessage());
      }
    }
    return new OpaEvent(
        labels,
        BUNDLE_NAME,
        OpaEvent.path(config.getString(AuthorizerConfig.AUTHZ_QUERY)),
        OpaEvent.path(config.getString(AuthorizerConfig.AUTHZ_RESOURCE_TYPE_QUERY)),
        masks);
  }

  private static String version() {
    String v = DecisionSinks.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
