package dev.regard.kafka.it;

import dev.regard.kafka.authz.RegardAuthorizer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft node in this JVM, broker and controller in one process, with the Regard authorizer
 * on both roles and SASL/PLAIN on both listeners. Identities: plain-admin (the node's own
 * principal, a super user), alice, bob, carol and mallory, each with password
 * "&lt;name&gt;-secret".
 */
final class RegardCluster implements AutoCloseable {
  static final String[] USERS = {"alice", "bob", "carol", "mallory"};
  private final Path dir;
  private final int brokerPort;
  private final KafkaRaftServer server;

  RegardCluster(Map<String, String> authorizerConfig) throws Exception {
    dir = Files.createTempDirectory("regard-kafka-");
    brokerPort = freePort();
    int controllerPort = freePort();
    String logDir = dir.resolve("log").toString();

    StringBuilder jaas =
        new StringBuilder(
            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"plain-admin\" password=\"plain-admin-secret\""
                + " user_plain-admin=\"plain-admin-secret\"");
    for (String user : USERS) {
      jaas.append(" user_").append(user).append("=\"").append(user).append("-secret\"");
    }
    jaas.append(";");

    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put(
        "listeners",
        "EXTERNAL://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "EXTERNAL://127.0.0.1:" + brokerPort);
    props.put(
        "listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    props.put("inter.broker.listener.name", "EXTERNAL");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("sasl.enabled.mechanisms", "PLAIN");
    props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
    props.put("sasl.mechanism.controller.protocol", "PLAIN");
    props.put("listener.name.external.plain.sasl.jaas.config", jaas.toString());
    props.put("listener.name.controller.plain.sasl.jaas.config", jaas.toString());
    props.put("log.dirs", logDir);
    props.put("metadata.log.dir", logDir);
    props.put("authorizer.class.name", RegardAuthorizer.class.getName());
    props.put("super.users", "User:plain-admin");
    props.put("num.partitions", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.putAll(authorizerConfig);

    new Formatter()
        .setPrintStream(new PrintStream(java.io.OutputStream.nullOutputStream()))
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir))
        .setMetadataLogDirectory(logDir)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setControllerListenerName("CONTROLLER")
        .run();
    server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    try (Admin admin = admin("plain-admin")) {
      admin.describeCluster().nodes().get();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Client settings for a user. */
  Properties client(String user) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort);
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    props.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + user
            + "-secret\";");
    return props;
  }

  Admin admin(String user) {
    Map<String, Object> config = new HashMap<>();
    client(user).forEach((k, v) -> config.put((String) k, v));
    config.put("default.api.timeout.ms", 30_000);
    config.put("request.timeout.ms", 10_000);
    return Admin.create(config);
  }

  @Override
  public void close() throws Exception {
    server.shutdown();
    server.awaitShutdown();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(RegardCluster::delete);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
