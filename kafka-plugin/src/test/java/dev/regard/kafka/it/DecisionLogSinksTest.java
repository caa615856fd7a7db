package dev.regard.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.regard.kafka.authz.RegardAuthorizer;
import dev.regard.testing.KraftCluster;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three OPA-format decision-log sinks of a real broker: a JSON-lines file, a topic the broker
 * produces to itself (read back with a real consumer), and OPA's upload protocol received by a real
 * HTTP server on loopback. Mallory's denied topic description must reach all three, in OPA's
 * format, with the masked path erased.
 */
class DecisionLogSinksTest {
  private static final String LISTENER = "EXTERNAL";
  private static final String TOPIC = "regard-decisions";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aDenyReachesTheFileTheTopicAndTheHttpEndpointInOpaFormat() throws Exception {
    List<String> uploads = new CopyOnWriteArrayList<>();
    List<String> encodings = new CopyOnWriteArrayList<>();
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/logs",
        exchange -> {
          encodings.add(exchange.getRequestHeaders().getFirst("Content-Encoding"));
          try (InputStream in = new GZIPInputStream(exchange.getRequestBody())) {
            uploads.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    http.start();
    Path file = dir.resolve("decisions/decisions.log");
    String adminJaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"plain-admin\" password=\"plain-admin-secret\";";
    KraftCluster.Builder builder =
        KraftCluster.builder(dir.resolve("cluster"))
            .listener(LISTENER, "SASL_PLAINTEXT", "PLAIN")
            .internalUser("plain-admin", "plain-admin-secret")
            .plainUser("mallory", "mallory-secret")
            .set("authorizer.class.name", RegardAuthorizer.class.getName())
            .set(
                Map.of(
                    "regard.bundle.source",
                    "dir",
                    "regard.bundle.path",
                    EmbeddedKafkaAuthorizationTest.defaultBundle().toString(),
                    "regard.decision.log.file.path",
                    file.toString(),
                    "regard.decision.log.kafka.topic",
                    TOPIC,
                    "regard.decision.log.kafka.listener",
                    LISTENER,
                    "regard.decision.log.kafka.producer.security.protocol",
                    "SASL_PLAINTEXT",
                    "regard.decision.log.kafka.producer.sasl.mechanism",
                    "PLAIN",
                    "regard.decision.log.kafka.producer.sasl.jaas.config",
                    adminJaas,
                    "regard.decision.log.http.url",
                    "http://127.0.0.1:" + http.getAddress().getPort(),
                    "regard.decision.log.flush.interval.ms",
                    "100"))
            .set("regard.decision.log.mask.paths", "/input/client/softwareVersion");
    try (KraftCluster cluster = builder.start()) {
      try (Admin admin = cluster.plain(LISTENER, "plain-admin", "plain-admin-secret")) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
      try (Admin mallory = cluster.plain(LISTENER, "mallory", "mallory-secret")) {
        // Decided by the broker (the controller's decisions would need the sink's
        // bootstrap.servers: a controller knows only its controller listener).
        assertThatThrownBy(
                () -> mallory.describeTopics(List.of("mallorys-topic")).allTopicNames().get())
            .hasMessageContaining("authorization failed");
      }

      JsonNode fromTopic = awaitDeny(() -> consume(cluster, adminJaas));
      JsonNode fromFile =
          awaitDeny(() -> Files.exists(file) ? Files.readAllLines(file) : List.of());
      JsonNode fromHttp = awaitDeny(() -> lines(uploads));
      for (JsonNode event : List.of(fromTopic, fromFile, fromHttp)) {
        assertThat(event.path("decision_id").asText()).hasSize(36);
        assertThat(event.path("labels").path("id").asText()).isNotEmpty();
        assertThat(event.path("labels").path("version").asText()).startsWith("regard-");
        assertThat(event.path("bundles").path("regard").path("revision").asText()).isNotEmpty();
        assertThat(event.path("path").asText()).isEqualTo("kafka/authz/allow");
        assertThat(event.path("result").asBoolean(true)).isFalse();
        assertThat(event.path("timestamp").asText()).endsWith("Z");
        assertThat(event.path("metrics").has("timer_rego_query_eval_ns")).isTrue();
        assertThat(event.path("input").path("client").has("softwareVersion")).isFalse();
        assertThat(event.path("input").path("client").has("softwareName")).isTrue();
        assertThat(event.path("erased").get(0).asText()).isEqualTo("/input/client/softwareVersion");
      }
      assertThat(encodings).isNotEmpty().allMatch("gzip"::equals);
      // The producer's own writes to the topic are never logged to the topic.
      assertThat(consume(cluster, adminJaas))
          .noneMatch(l -> l.contains("\"name\":\"" + TOPIC + "\"") && l.contains("WRITE"));
    } finally {
      http.stop(0);
    }
  }

  interface Lines {
    List<String> get() throws Exception;
  }

  /** The first entry denying mallory's DESCRIBE, waiting for the sink's background writer. */
  private static JsonNode awaitDeny(Lines lines) throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      for (String line : lines.get()) {
        JsonNode event = JSON.readTree(line);
        JsonNode input = event.path("input");
        if (input.path("principal").path("name").asText().equals("mallory")
            && input.path("operation").asText().equals("DESCRIBE")) {
          return event;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no entry for mallory's DESCRIBE in " + lines.get());
  }

  /** The HTTP uploads, each a JSON array, as one JSON object per line. */
  private static List<String> lines(List<String> uploads) throws Exception {
    List<String> out = new ArrayList<>();
    for (String upload : uploads) {
      for (JsonNode event : JSON.readTree(upload)) {
        out.add(event.toString());
      }
    }
    return out;
  }

  private static List<String> consume(KraftCluster cluster, String jaas) {
    Properties props = KraftCluster.properties(cluster.client(LISTENER, "PLAIN", jaas));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
