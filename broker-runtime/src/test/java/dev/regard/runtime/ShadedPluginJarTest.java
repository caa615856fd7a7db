package dev.regard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact operators install, tested as docs/operations.md tells them to install it: a broker
 * in a JVM of its own whose classpath is Kafka's libraries plus only the shaded plugin jar (no
 * Regard module, none of the libraries the jar carries relocated), started with Kafka's own main
 * class, then asked by Kafka's Java client for an allowed and a denied write.
 */
class ShadedPluginJarTest {
  /** Libraries the plugin jar carries (relocated) or that only Regard and its tests use. */
  private static final List<String> NOT_KAFKAS =
      List.of(
          "/dev/regard/",
          "/target/",
          "caffeine",
          "org.eclipse.jgit",
          "JavaEWAH",
          "commons-codec",
          "picocli",
          "junit",
          "assertj",
          "opentest4j",
          "apiguardian",
          "byte-buddy");

  private static final String POLICY =
      "package kafka.authz\n\n"
          + "default allow := false\n\n"
          + "allow if {\n"
          + "  input.principal.name == \"alice\"\n"
          + "  input.resource.name == \"orders\"\n"
          + "}\n";

  @TempDir Path dir;

  @Test
  void aBrokerWithOnlyTheShadedJarAllowsAndDeniesByPolicy() throws Exception {
    Optional<Path> jar = shadedJar();
    assumeTrue(
        jar.isPresent(),
        "kafka-plugin/target holds no *-plugin.jar: run after the kafka-plugin module's package"
            + " phase, as ./mvnw verify does");
    Path bundle = Files.createDirectories(dir.resolve("bundle/kafka/authz"));
    Files.writeString(bundle.resolve("policy.rego"), POLICY);
    int port = freePort();
    int controllerPort = freePort();
    Path config = writeServerProperties(port, controllerPort);
    String kafka = kafkaClasspath();
    assertThat(kafka).doesNotContain("regard").contains("kafka_2.13", "kafka-clients");
    String classpath = kafka + File.pathSeparator + jar.get();

    Path log = dir.resolve("broker.log");
    run(
        classpath,
        log,
        "kafka.tools.StorageTool",
        "format",
        "-t",
        Uuid.randomUuid().toString(),
        "-c",
        config.toString());
    Process broker = start(classpath, log, "kafka.Kafka", config.toString());
    try (Admin admin = Admin.create(client(port, "admin"))) {
      awaitStarted(admin, broker, log);
      admin
          .createTopics(
              List.of(new NewTopic("orders", 1, (short) 1), new NewTopic("payments", 1, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> alice = producer(port, "alice")) {
        assertThat(alice.send(new ProducerRecord<>("orders", "k", "v")).get().topic())
            .isEqualTo("orders");
        assertThatThrownBy(() -> alice.send(new ProducerRecord<>("payments", "k", "v")).get())
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(TopicAuthorizationException.class);
      }
    } finally {
      broker.destroy();
      if (!broker.waitFor(30, TimeUnit.SECONDS)) {
        broker.destroyForcibly().waitFor();
      }
    }
  }

  private static Optional<Path> shadedJar() throws IOException {
    Path target = Path.of("..", "kafka-plugin", "target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("regard-kafka-plugin-.*-plugin\\.jar"))
          .findFirst()
          .map(Path::toAbsolutePath);
    }
  }

  /** Kafka's own libraries, as this test's classpath resolved them. */
  private static String kafkaClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .filter(entry -> NOT_KAFKAS.stream().noneMatch(x -> entry.replace('\\', '/').contains(x)))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private Path writeServerProperties(int port, int controllerPort) throws IOException {
    String jaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"admin\" password=\"admin-secret\""
            + " user_admin=\"admin-secret\" user_alice=\"alice-secret\";";
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry(
                "listeners",
                "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
            Map.entry("advertised.listeners", "EXTERNAL://127.0.0.1:" + port),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "EXTERNAL"),
            Map.entry(
                "listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("sasl.enabled.mechanisms", "PLAIN"),
            Map.entry("sasl.mechanism.inter.broker.protocol", "PLAIN"),
            Map.entry("listener.name.external.plain.sasl.jaas.config", jaas),
            Map.entry("log.dirs", dir.resolve("data").toString()),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("authorizer.class.name", "dev.regard.kafka.authz.RegardAuthorizer"),
            Map.entry("super.users", "User:admin;User:ANONYMOUS"),
            Map.entry("regard.bundle.path", dir.resolve("bundle").toString())));
    Path file = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, null);
    }
    return file;
  }

  private static Process start(String classpath, Path log, String main, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(classpath);
    command.add(main);
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static void run(String classpath, Path log, String main, String... args)
      throws Exception {
    Process p = start(classpath, log, main, args);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(main + " finished").isTrue();
    assertThat(p.exitValue()).as(main + " exit code; output: " + Files.readString(log)).isZero();
  }

  private static void awaitStarted(Admin admin, Process broker, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (true) {
      assertThat(broker.isAlive()).as("broker running; output: %s", tail(log)).isTrue();
      try {
        admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("broker did not start; output: " + tail(log), e);
        }
      }
    }
  }

  private static String tail(Path log) throws IOException {
    String text = Files.readString(log);
    return text.substring(Math.max(0, text.length() - 4000));
  }

  private static Properties client(int port, String user) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    p.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + user
            + "-secret\";");
    return p;
  }

  private static KafkaProducer<String, String> producer(int port, String user) {
    Properties p = client(port, user);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    return new KafkaProducer<>(p);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
