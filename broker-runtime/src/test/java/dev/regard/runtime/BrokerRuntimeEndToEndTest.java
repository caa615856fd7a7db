package dev.regard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.runtime.demo.PolicyDemo;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as a user runs it: a real broker with the Regard authorizer and the default bundle,
 * real clients with the generated configurations, and a restart on the same run folder.
 */
class BrokerRuntimeEndToEndTest {
  @TempDir Path tmp;

  @Test
  void theDemoGetsTheExpectedOutcomesAndARestartKeepsDataCredentialsAndCertificates()
      throws Exception {
    Path run = tmp.resolve("run");
    Path bundle = DefaultBundle.extract(tmp.resolve("bundle"));
    BrokerSettings settings =
        new BrokerSettings(
            new RunLayout(run),
            "localhost",
            RuntimeFailuresTest.freePort(),
            RuntimeFailuresTest.freePort(),
            BundleSource.directory(bundle.toString()),
            1000,
            Map.of());

    String clusterId;
    byte[] keystore;
    try (BrokerRuntime runtime = new BrokerRuntime(settings)) {
      runtime.start();
      assertThat(runtime.bundleRevision()).isPresent();
      List<PolicyDemo.Attempt> attempts = demo(run);
      assertThat(attempts)
          .extracting(a -> a.who() + " " + a.what() + " -> " + a.allowed())
          .containsExactly(
              "admin create topic orders.demo -> true",
              "alice produce to orders.demo -> true",
              "bob consume orders.demo with group orders-readers -> true",
              "bob produce to orders.demo -> false",
              "alice delete topic orders.demo -> false",
              "mallory connect with a made-up password -> false");
      assertThat(attempts).allMatch(PolicyDemo.Attempt::asExpected);
      clusterId = clusterId(run);
      keystore = Files.readAllBytes(run.resolve("tls/broker.p12"));
    }

    try (BrokerRuntime again = new BrokerRuntime(settings)) {
      again.start();
      assertThat(clusterId(run)).isEqualTo(clusterId);
      assertThat(Files.readAllBytes(run.resolve("tls/broker.p12"))).isEqualTo(keystore);
      assertThat(readAll(run, "bob")).contains("hello from the demo");
      // The same generated passwords still authenticate: the whole demo runs as before.
      assertThat(demo(run)).allMatch(PolicyDemo.Attempt::asExpected);
    }
  }

  private static List<PolicyDemo.Attempt> demo(Path run) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<PolicyDemo.Attempt> attempts =
        new PolicyDemo(run.resolve("clients"), new PrintStream(out, true, StandardCharsets.UTF_8))
            .runAll();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("ALLOWED", "DENIED");
    return attempts;
  }

  private static String clusterId(Path run) throws Exception {
    try (Admin admin = Admin.create(client(run, "admin"))) {
      return admin.describeCluster().clusterId().get();
    }
  }

  /** Every record of the demo topic, read without a consumer group. */
  private static List<String> readAll(Path run, String user) throws Exception {
    Properties config = client(run, user);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition("orders.demo", 0);
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

  private static Properties client(Path run, String user) throws Exception {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(run.resolve("clients/" + user + ".properties"))) {
      p.load(in);
    }
    return p;
  }
}
