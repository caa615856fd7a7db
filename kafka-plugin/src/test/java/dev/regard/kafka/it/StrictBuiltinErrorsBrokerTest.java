package dev.regard.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.kafka.authz.RegardAuthorizer;
import dev.regard.kafka.authz.log.DecisionLog;
import dev.regard.testing.KraftCluster;
import dev.regard.testing.LogLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy whose deny hangs on a builtin that a client can make fail: with the default strict
 * builtin errors, the failure is a deny on a real broker, logged with rule, file and line.
 */
class StrictBuiltinErrorsBrokerTest {
  private static final String TRAP =
      "package kafka.authz\n\n"
          + "default allow := false\n\n"
          + "allow if {\n"
          + "  input.resource.type == \"TOPIC\"\n"
          + "  startswith(input.resource.name, \"trap.\")\n"
          + "  not blocked\n"
          + "}\n\n"
          + "blocked if to_number(input.client.id) > 0\n";

  @TempDir static Path dir;
  static KraftCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle/kafka/authz"));
    Files.writeString(bundle.resolve("trap.rego"), TRAP);
    cluster =
        KraftCluster.builder(dir.resolve("cluster"))
            .listener("EXTERNAL", "SASL_PLAINTEXT", "PLAIN")
            .internalUser("plain-admin", "plain-admin-secret")
            .plainUser("bob", "bob-secret")
            .set("authorizer.class.name", RegardAuthorizer.class.getName())
            .set("regard.bundle.path", dir.resolve("bundle").toString())
            .start();
    try (Admin admin = cluster.plain("EXTERNAL", "plain-admin", "plain-admin-secret")) {
      admin.createTopics(List.of(new NewTopic("trap.one", 1, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static KafkaProducer<String, String> producer(String clientId) {
    Properties props =
        KraftCluster.properties(cluster.client("EXTERNAL", "PLAIN", "bob", "bob-secret"));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    return new KafkaProducer<>(props);
  }

  @Test
  void aClientIdThatMakesTheBuiltinFailIsDeniedAndTheErrorLogged() throws Exception {
    try (LogLines lines = new LogLines(DecisionLog.LOGGER);
        KafkaProducer<String, String> bob = producer("not-a-number")) {
      assertThatThrownBy(() -> bob.send(new ProducerRecord<>("trap.one", "k", "v")).get())
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(TopicAuthorizationException.class);
      assertThat(lines.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("trap.one")
                      .contains("data.kafka.authz.allow")
                      .contains("kafka/authz/trap.rego:11")
                      .contains("to_number"));
    }
  }

  @Test
  void aNumericClientIdIsAllowedSoTheDenyAboveIsTheError() throws Exception {
    try (KafkaProducer<String, String> bob = producer("0")) {
      assertThat(bob.send(new ProducerRecord<>("trap.one", "k", "v")).get().topic())
          .isEqualTo("trap.one");
    }
  }
}
