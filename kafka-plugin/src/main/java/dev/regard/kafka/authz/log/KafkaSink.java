package dev.regard.kafka.authz.log;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;

/**
 * Produces entries to a Kafka topic, typically on the broker that makes the decisions. The producer
 * is created on the sink's own thread at the first batch, so a broker whose listeners are not yet
 * open is never waited for by its start-up. Decisions about the topic itself are not produced to
 * it: the producer's own requests would otherwise each produce another entry.
 */
public final class KafkaSink extends AsyncSink {
  private final String topic;
  private final String listener;
  private volatile Map<String, Object> producerConfig;
  private KafkaProducer<byte[], byte[]> producer;

  public KafkaSink(
      String topic,
      String listener,
      Map<String, Object> producerSettings,
      OpaEvent format,
      int bufferEntries,
      int batchEntries,
      long flushIntervalMs,
      LongAdder dropped) {
    super("kafka", format, bufferEntries, batchEntries, flushIntervalMs, dropped);
    this.topic = topic;
    this.listener = listener;
    Map<String, Object> config = new HashMap<>();
    // No InitProducerId round trip, and no IDEMPOTENT_WRITE check for the sink's principal.
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.ACKS_CONFIG, "1");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "regard-decision-log");
    config.putAll(producerSettings);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerConfig = Map.copyOf(config);
    startWriter();
  }

  /**
   * Without bootstrap.servers among the producer settings, the producer connects to this broker's
   * own endpoint on the configured listener (by default the inter-broker one), known only now.
   */
  @Override
  protected void start(AuthorizerServerInfo serverInfo) {
    if (producerConfig.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      return;
    }
    Endpoint endpoint = serverInfo.interBrokerEndpoint();
    if (!listener.isBlank()) {
      endpoint =
          serverInfo.endpoints().stream()
              .filter(e -> e.listener().equals(listener))
              .findFirst()
              .orElse(null);
    }
    if (endpoint == null) {
      return;
    }
    String host = endpoint.host();
    if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "localhost";
    }
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, host + ":" + endpoint.port());
    producerConfig = Map.copyOf(config);
  }

  @Override
  protected boolean accepts(DecisionLog.Entry entry) {
    return !(entry.facts().resourceType() == ResourceType.TOPIC
        && entry.facts().resourceName().equals(topic));
  }

  @Override
  protected void write(List<String> events) throws Exception {
    if (producer == null) {
      if (!producerConfig.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        throw new IllegalStateException("no endpoint of this broker to produce to yet");
      }
      producer = new KafkaProducer<>(producerConfig);
    }
    List<Future<?>> sent = new ArrayList<>(events.size());
    for (String event : events) {
      byte[] value = event.getBytes(StandardCharsets.UTF_8);
      sent.add(producer.send(new ProducerRecord<>(topic, decisionId(event), value)));
    }
    for (Future<?> f : sent) {
      f.get();
    }
  }

  /** The entry's decision_id; a JSON string value cannot contain the unescaped marker. */
  private static byte[] decisionId(String event) {
    String marker = "\"decision_id\":\"";
    int start = event.indexOf(marker) + marker.length();
    return event.substring(start, event.indexOf('"', start)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void release() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
