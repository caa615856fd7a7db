package dev.regard.runtime.acls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authz.log.DecisionLog;
import dev.regard.runtime.BrokerRuntime;
import dev.regard.runtime.BrokerSettings;
import dev.regard.runtime.BundleSource;
import dev.regard.runtime.DefaultBundle;
import dev.regard.runtime.DevCertificateAuthority;
import dev.regard.runtime.RunLayout;
import dev.regard.testing.LogLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.AclCommand;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration as a user runs it, on the runtime's broker: ACLs created with Kafka's own
 * kafka-acls (AclCommand) under StandardAuthorizer, imported from the cluster and from the listing,
 * verified with no difference; then Regard's authorizer in shadow mode with StandardAuthorizer as
 * its delegate, accepting kafka-acls, letting the delegate decide and logging disagreements.
 */
class AclMigrationTest {
  private static final String STANDARD = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

  @TempDir Path tmp;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private BrokerSettings settings(Path run, Map<String, String> overrides) throws IOException {
    RunLayout layout = new RunLayout(run);
    Path bundle = DefaultBundle.extract("bundles/default", layout.defaultBundleDir());
    Map<String, String> all = new java.util.HashMap<>(overrides);
    all.put(
        "super.users",
        "User:broker;User:admin;User:" + DevCertificateAuthority.subject("localhost"));
    return new BrokerSettings(
        layout,
        "localhost",
        freePort(),
        freePort(),
        BundleSource.directory(bundle.toString()),
        1000,
        all);
  }

  /** Runs Kafka's kafka-acls with the admin's client configuration; returns what it printed. */
  private static String kafkaAcls(BrokerRuntime runtime, String... args) {
    List<String> all = new ArrayList<>();
    all.addAll(
        List.of(
            "--bootstrap-server",
            runtime.settings().bootstrap(),
            "--command-config",
            admin(runtime).toString()));
    all.addAll(List.of(args));
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      AclCommand.main(all.toArray(String[]::new));
    } finally {
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static Path admin(BrokerRuntime runtime) {
    return runtime.settings().layout().clientsDir().resolve("admin.properties");
  }

  private static String[] acl(String... args) {
    return args;
  }

  @Test
  void importThenVerifyReportsNoDifferenceForAclsMadeWithKafkaAcls() throws Exception {
    Path run = tmp.resolve("run");
    try (BrokerRuntime runtime =
        new BrokerRuntime(settings(run, Map.of("authorizer.class.name", STANDARD)))) {
      runtime.start();
      kafkaAcls(
          runtime,
          acl(
              "--add",
              "--allow-principal",
              "User:alice",
              "--operation",
              "Write",
              "--topic",
              "orders.",
              "--resource-pattern-type",
              "prefixed"));
      kafkaAcls(
          runtime,
          acl(
              "--add",
              "--allow-principal",
              "User:bob",
              "--operation",
              "Read",
              "--topic",
              "orders.",
              "--resource-pattern-type",
              "prefixed"));
      kafkaAcls(
          runtime,
          acl(
              "--add",
              "--deny-principal",
              "User:bob",
              "--operation",
              "Read",
              "--topic",
              "orders.secret.",
              "--resource-pattern-type",
              "prefixed"));
      kafkaAcls(
          runtime,
          acl(
              "--add",
              "--allow-principal",
              "User:bob",
              "--operation",
              "Read",
              "--group",
              "orders-readers"));
      kafkaAcls(
          runtime,
          acl(
              "--add",
              "--allow-principal",
              "User:*",
              "--operation",
              "Describe",
              "--topic",
              "public",
              "--allow-host",
              "127.0.0.1"));
      String listing = kafkaAcls(runtime, "--list");
      assertThat(listing).contains("patternType=PREFIXED", "User:*", "DENY");
      Path listFile = tmp.resolve("acls.txt");
      Files.writeString(listFile, listing);
      String superUsers =
          "User:broker;User:admin;User:" + DevCertificateAuthority.subject("localhost");

      Path fromCluster = tmp.resolve("bundle-cluster");
      assertThat(
              AclsCommand.run(
                  "import",
                  "--bootstrap-server",
                  runtime.settings().bootstrap(),
                  "--command-config",
                  admin(runtime).toString(),
                  "--super-users",
                  superUsers,
                  "--output",
                  fromCluster.toString()))
          .isZero();
      Path fromFile = tmp.resolve("bundle-file");
      assertThat(
              AclsCommand.run(
                  "import",
                  "--from-file",
                  listFile.toString(),
                  "--super-users",
                  superUsers,
                  "--output",
                  fromFile.toString()))
          .isZero();
      assertThat(Files.readString(fromFile.resolve("kafka/acls/data.json")))
          .isEqualTo(Files.readString(fromCluster.resolve("kafka/acls/data.json")));

      assertThat(
              verify(
                  "--bootstrap-server", runtime.settings().bootstrap(),
                  "--command-config", admin(runtime).toString(),
                  "--super-users", superUsers,
                  "--bundle", fromCluster.toString()))
          .contains("5 ACLs", " 0 differences");
      // The verification can fail: a bundle of other ACLs differs.
      Path empty = tmp.resolve("bundle-empty");
      Path none = Files.writeString(tmp.resolve("none.txt"), "");
      assertThat(
              AclsCommand.run(
                  "import", "--from-file", none.toString(), "--output", empty.toString()))
          .isZero();
      // The bundle denies every question of the matrix, and none of them is a decision-log line.
      List<String> decisionLines;
      int code;
      try (LogLines capture = new LogLines(DecisionLog.LOGGER)) {
        code =
            AclsCommand.run(
                "verify",
                "--bootstrap-server",
                runtime.settings().bootstrap(),
                "--command-config",
                admin(runtime).toString(),
                "--bundle",
                empty.toString());
        decisionLines = List.copyOf(capture.lines());
      }
      assertThat(code).isEqualTo(1);
      assertThat(decisionLines).isEmpty();
      assertThat(LogManager.getLogger(DecisionLog.LOGGER).isInfoEnabled()).isTrue();
    }
  }

  private static String verify(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      List<String> all = new ArrayList<>(List.of("verify"));
      all.addAll(List.of(args));
      code = AclsCommand.run(all.toArray(String[]::new));
    } finally {
      System.setOut(out);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    return printed;
  }

  @Test
  void shadowModeLetsTheDelegateDecideAcceptsKafkaAclsAndLogsDisagreements() throws Exception {
    Path run = tmp.resolve("shadow");
    Path decisions = tmp.resolve("decisions.log");
    try (BrokerRuntime runtime =
        new BrokerRuntime(
            settings(
                run,
                Map.of(
                    "regard.delegate.authorizer.class.name",
                    STANDARD,
                    "regard.mode",
                    "shadow",
                    "regard.decision.log.file.path",
                    decisions.toString(),
                    "regard.decision.log.flush.interval.ms",
                    "100")))) {
      runtime.start();
      try (Admin admin = Admin.create(client(runtime, "admin"))) {
        admin.createTopics(List.of(new NewTopic("orders.demo", 1, (short) 1))).all().get();
      }
      // The default policy lets alice produce to orders.*, the delegate has no ACL for her: it
      // decides, so she is refused, and the disagreement is logged.
      assertThat(produces(runtime)).isFalse();
      String added =
          kafkaAcls(
              runtime,
              acl(
                  "--add",
                  "--allow-principal",
                  "User:alice",
                  "--operation",
                  "Write",
                  "--topic",
                  "orders.",
                  "--resource-pattern-type",
                  "prefixed"));
      assertThat(added).contains("User:alice");
      assertThat(kafkaAcls(runtime, "--list")).contains("User:alice", "WRITE");
      assertThat(produces(runtime)).isTrue();
      String log = "";
      for (int i = 0; i < 50 && !log.contains("\"shadow\""); i++) {
        Thread.sleep(200);
        log = Files.exists(decisions) ? Files.readString(decisions) : "";
      }
      assertThat(log)
          .contains(
              "\"shadow\":{\"decided\":\"DENIED\",\"delegate\":\"DENIED\",\"mode\":\"shadow\","
                  + "\"policy\":\"ALLOWED\"}");
    }
  }

  private static boolean produces(BrokerRuntime runtime) throws Exception {
    Properties props = client(runtime, "alice");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (KafkaProducer<String, String> p = new KafkaProducer<>(props)) {
      p.send(new ProducerRecord<>("orders.demo", "k", "v")).get();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static Properties client(BrokerRuntime runtime, String user) throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        Files.newInputStream(
            runtime.settings().layout().clientsDir().resolve(user + ".properties"))) {
      p.load(in);
    }
    return p;
  }
}
