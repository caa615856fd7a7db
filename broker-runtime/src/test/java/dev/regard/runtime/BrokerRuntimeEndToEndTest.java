package dev.regard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.kafka.authn.AuthnMetrics;
import dev.regard.runtime.demo.PolicyDemo;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as a user runs it: a real broker with Regard's authorizer, SASL handlers and
 * principal builder and the default bundle, real clients with the generated configurations, a
 * credential removed from the bundle, and a restart on the same run folder.
 */
class BrokerRuntimeEndToEndTest {
  private static final String SCRAM = DemoIdentities.MECHANISM;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void theDemoGetsTheExpectedOutcomesAndARestartKeepsDataCredentialsAndCertificates()
      throws Exception {
    Path run = tmp.resolve("run");
    RunLayout layout = new RunLayout(run);
    // As the command does without a bundle option: the runtime's own copy of the default bundle.
    Path bundle = DefaultBundle.extract(layout.defaultBundleDir());
    BrokerSettings settings =
        new BrokerSettings(
            layout,
            "localhost",
            RuntimeFailuresTest.freePort(),
            RuntimeFailuresTest.freePort(),
            BundleSource.directory(bundle.toString()),
            1000,
            Map.of());

    String clusterId;
    byte[] keystore;
    double scramLogins = AuthnMetrics.count(SCRAM, "success");
    try (BrokerRuntime runtime = new BrokerRuntime(settings)) {
      runtime.start();
      assertThat(runtime.managesBundle()).isTrue();
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
      // Regard's principal builder admitted the SCRAM logins (the broker's own included).
      assertThat(AuthnMetrics.count(SCRAM, "success")).isGreaterThan(scramLogins);
      assertThat(Files.readString(bundle.resolve(RuntimeBundleData.CREDENTIALS)))
          .contains("\"bob\"", "scram_sha_512", "pbkdf2_sha512")
          .doesNotContain(secret(run, "bob"));

      // Regard's SCRAM handler reads the bundle: once bob's entry is gone he cannot log in.
      assertThat(connects(run, "bob")).isTrue();
      double unknown = AuthnMetrics.count(SCRAM, "unknown-user");
      removeCredentials(bundle, "bob");
      assertThat(eventuallyRefused(run, "bob")).isTrue();
      assertThat(AuthnMetrics.count(SCRAM, "unknown-user")).isGreaterThan(unknown);
      assertThat(connects(run, "alice")).isTrue();

      // PLAIN on the TLS listener, checked by Regard's PLAIN handler against the PBKDF2 hash.
      assertThat(connects(plain(run, "alice", secret(run, "alice")))).isTrue();
      double wrong = AuthnMetrics.count("PLAIN", "bad-credentials");
      assertThat(connects(plain(run, "alice", "not-" + secret(run, "alice")))).isFalse();
      assertThat(AuthnMetrics.count("PLAIN", "bad-credentials")).isGreaterThan(wrong);
    }

    try (BrokerRuntime again = new BrokerRuntime(settings)) {
      again.start();
      assertThat(clusterId(run)).isEqualTo(clusterId);
      assertThat(Files.readAllBytes(run.resolve("tls/broker.p12"))).isEqualTo(keystore);
      // The start wrote the credentials again: bob is back.
      assertThat(readAll(run, "bob")).contains("hello from the demo");
      // The same generated passwords still authenticate: the whole demo runs as before.
      assertThat(demo(run)).allMatch(PolicyDemo.Attempt::asExpected);
    }
  }

  /** Whether {@code user} authenticates with the generated client configuration. */
  private static boolean connects(Path run, String user) throws Exception {
    return connects(client(run, user));
  }

  private static boolean connects(Properties config) throws Exception {
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().clusterId().get();
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SaslAuthenticationException) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The generated client configuration of {@code user}, switched to PLAIN with {@code password}.
   */
  private static Properties plain(Path run, String user, String password) throws Exception {
    Properties config = client(run, user);
    config.put("sasl.mechanism", "PLAIN");
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    return config;
  }

  /** Polls until {@code user} is refused, for as long as a few bundle polls take. */
  private static boolean eventuallyRefused(Path run, String user) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      if (!connects(run, user)) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }

  private static void removeCredentials(Path bundle, String user) throws Exception {
    Path file = bundle.resolve(RuntimeBundleData.CREDENTIALS);
    ObjectNode users = (ObjectNode) JSON.readTree(file.toFile());
    assertThat(users.remove(user)).isNotNull();
    Path tmpFile = file.resolveSibling("data.json.tmp");
    JSON.writeValue(tmpFile.toFile(), users);
    Files.move(tmpFile, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String secret(Path run, String user) throws Exception {
    Properties secrets = new Properties();
    try (InputStream in = Files.newInputStream(run.resolve("secrets/secrets.properties"))) {
      secrets.load(in);
    }
    return secrets.getProperty("user." + user + ".password");
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
