package dev.regard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients Regard did not write against the runtime's broker and its default bundle: Kafka's Java
 * client, librdkafka through Debian's {@code kcat} (PLAIN only: librdkafka before 2.6.1 fails SCRAM
 * against any Kafka broker) and Debian's {@code python3-kafka}. Each produces as alice and consumes
 * as bob where the default policy allows it, and is refused when bob produces. Tests of a client
 * that is not installed are skipped with the package to install ({@code .ci/run} installs both).
 */
class ClientInteropTest {
  private static final Path KCAT = Path.of("/usr/bin/kcat");
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir static Path tmp;
  static Path run;
  static BrokerRuntime runtime;
  static String bootstrap;

  @BeforeAll
  static void start() throws Exception {
    run = tmp.resolve("run");
    RunLayout layout = new RunLayout(run);
    Path bundle = DefaultBundle.extract(layout.defaultBundleDir());
    int port = RuntimeFailuresTest.freePort();
    runtime =
        new BrokerRuntime(
            new BrokerSettings(
                layout,
                "localhost",
                port,
                RuntimeFailuresTest.freePort(),
                BundleSource.directory(bundle.toString()),
                1000,
                Map.of(),
                // Some sixty client connections within seconds from one address, as a test suite
                // opens them, are more than the default rate per address allows; kafka-python
                // gives up at the first connection held back (NoBrokersAvailable).
                0));
    runtime.start();
    bootstrap = "localhost:" + port;
    List<NewTopic> topics = new ArrayList<>();
    for (String client : List.of("java", "kcat", "python")) {
      for (String mechanism : List.of("plain", "scram")) {
        topics.add(new NewTopic(topic(client, mechanism), 1, (short) 1));
      }
    }
    try (Admin admin = Admin.create(client("admin", "SCRAM-SHA-512"))) {
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  static String topic(String client, String mechanism) {
    return "orders.interop-" + client + "-" + mechanism;
  }

  @Test
  void javaClientPlain() throws Exception {
    javaClient("PLAIN", "plain");
  }

  @Test
  void javaClientScram() throws Exception {
    javaClient("SCRAM-SHA-512", "scram");
  }

  private void javaClient(String mechanism, String label) throws Exception {
    String topic = topic("java", label);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            client("alice", mechanism), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "from-java")).get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> consumerConfig = client("bob", mechanism);
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "orders-readers");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    assertThat(values).containsExactly("from-java");
    Map<String, Object> bobProducing = client("bob", mechanism);
    // Without idempotence the refusal is the topic write itself, not the producer id.
    bobProducing.put("enable.idempotence", "false");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(bobProducing, new StringSerializer(), new StringSerializer())) {
      assertThat(
              RuntimeAuthenticationTest.cause(
                  () ->
                      producer.send(new ProducerRecord<>(topic, "bob")).get(30, TimeUnit.SECONDS)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void kcatPlain() throws Exception {
    assumeTrue(Files.isExecutable(KCAT), "kcat is not installed (Debian package kcat)");
    String topic = topic("kcat", "plain");
    Result produced = kcat("alice", "from-kcat\n", "-P", "-t", topic);
    assertThat(produced.exit()).as(produced.output()).isZero();
    Result consumed = kcat("bob", "", "-C", "-t", topic, "-o", "beginning", "-e", "-q");
    assertThat(consumed.exit()).as(consumed.output()).isZero();
    assertThat(consumed.output().lines()).contains("from-kcat");
    Result denied = kcat("bob", "from-bob\n", "-P", "-t", topic);
    assertThat(denied.output()).containsIgnoringCase("authorization failed");
  }

  private Result kcat(String user, String input, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(KCAT.toString(), "-b", bootstrap));
    command.addAll(
        List.of(
            "-X", "security.protocol=SASL_SSL",
            "-X", "sasl.mechanisms=PLAIN",
            "-X", "sasl.username=" + user,
            "-X", "sasl.password=" + password(user),
            "-X", "ssl.ca.location=" + runtime.caPem()));
    command.addAll(List.of(args));
    return Result.of(command, input, Map.of());
  }

  @Test
  void kafkaPythonPlain() throws Exception {
    kafkaPython("PLAIN", "plain");
  }

  @Test
  void kafkaPythonScram() throws Exception {
    kafkaPython("SCRAM-SHA-512", "scram");
  }

  private void kafkaPython(String mechanism, String label) throws Exception {
    assumeTrue(
        Files.isExecutable(PYTHON)
            && Result.of(List.of(PYTHON.toString(), "-c", "import kafka"), "", Map.of()).exit()
                == 0,
        "kafka-python is not installed for /usr/bin/python3 (Debian package python3-kafka)");
    Path script = tmp.resolve("kafka_python_client.py");
    try (InputStream in =
        ClientInteropTest.class.getResourceAsStream("/interop/kafka_python_client.py")) {
      Files.write(script, in.readAllBytes());
    }
    String topic = topic("python", label);
    assertThat(python(script, "produce", mechanism, "alice", topic).output()).contains("PRODUCED");
    assertThat(python(script, "consume", mechanism, "bob", topic, "orders-python").output())
        .contains("RECORD from-kafka-python");
    assertThat(python(script, "produce", mechanism, "bob", topic).output())
        .contains("DENIED")
        .containsIgnoringCase("authorization");
  }

  private Result python(Path script, String mode, String mechanism, String user, String... rest)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                PYTHON.toString(),
                script.toString(),
                mode,
                bootstrap,
                mechanism,
                user,
                "KAFKA_PASSWORD",
                runtime.caPem().toString()));
    command.addAll(List.of(rest));
    return Result.of(command, "", Map.of("KAFKA_PASSWORD", password(user)));
  }

  record Result(int exit, String output) {
    static Result of(List<String> command, String input, Map<String, String> env)
        throws IOException, InterruptedException {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output + "\n(timed out)");
      }
      return new Result(process.exitValue(), output);
    }
  }

  static String password(String user) throws IOException {
    Properties secrets = new Properties();
    try (InputStream in = Files.newInputStream(run.resolve("secrets/secrets.properties"))) {
      secrets.load(in);
    }
    return secrets.getProperty("user." + user + ".password");
  }

  static Map<String, Object> client(String user, String mechanism) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(run.resolve("clients/" + user + ".properties"))) {
      p.load(in);
    }
    Map<String, Object> config = new HashMap<>();
    p.forEach((k, v) -> config.put((String) k, v));
    config.put(SaslConfigs.SASL_MECHANISM, mechanism);
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        module + " required username=\"" + user + "\" password=\"" + password(user) + "\";");
    config.put("max.block.ms", "30000");
    return config;
  }
}
