package dev.regard.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A KRaft cluster in this JVM: a quorum of three controllers and {@code n} brokers, each a separate
 * {@link KafkaRaftServer} with its own data folder and ports, all with the same authorizer
 * settings. Listeners are SASL_PLAINTEXT with PLAIN identities: plain-admin (the cluster's own
 * principal, a super user), alice, bob and mallory, each with password "&lt;name&gt;-secret".
 *
 * <p>Kafka's own multi-node test kit needs test classes Kafka does not publish, hence this one.
 */
final class Fleet implements AutoCloseable {
  private static final List<Integer> CONTROLLER_IDS = List.of(100, 101, 102);
  private static final List<String> USERS = List.of("alice", "bob", "mallory");

  private final Path dir;
  private final String clusterId = Uuid.randomUuid().toString();
  private final Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
  private final Map<Integer, Integer> brokerPorts = new LinkedHashMap<>();
  private final Map<String, String> authorizer;
  private final Map<Integer, KafkaRaftServer> servers = new LinkedHashMap<>();

  Fleet(Path dir, int brokers, Map<String, String> authorizer) throws Exception {
    this.dir = dir;
    this.authorizer = Map.copyOf(authorizer);
    for (int id : CONTROLLER_IDS) {
      controllerPorts.put(id, RuntimeFailuresTest.freePort());
    }
    for (int id = 1; id <= brokers; id++) {
      brokerPorts.put(id, RuntimeFailuresTest.freePort());
    }
    try {
      // The controllers start together: none can finish an election alone.
      startAll(controllerPorts.keySet());
      startAll(brokerPorts.keySet());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startAll(Set<Integer> ids) {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (int id : ids) {
      started.add(CompletableFuture.runAsync(() -> start(id)));
    }
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
  }

  Set<Integer> brokerIds() {
    return brokerPorts.keySet();
  }

  /** Stops broker {@code id} and starts it again on the same folder and port. */
  void restart(int id) {
    KafkaRaftServer server = servers.remove(id);
    server.shutdown();
    server.awaitShutdown();
    start(id);
  }

  /** Client settings for {@code user}, bootstrapping from every broker. */
  Properties client(String user) {
    List<String> bootstrap = new ArrayList<>();
    brokerPorts.values().forEach(p -> bootstrap.add("127.0.0.1:" + p));
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrap));
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    props.put(SaslConfigs.SASL_JAAS_CONFIG, plain(user, user + "-secret", ""));
    return props;
  }

  private void start(int id) {
    try {
      Map<String, String> config = config(id);
      Path data = Path.of(config.get("log.dirs"));
      if (!StorageInitializer.isFormatted(data)) {
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(id)
            .setClusterId(clusterId)
            .setDirectories(List.of(data.toString()))
            .setMetadataLogDirectory(data.toString())
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setControllerListenerName("CONTROLLER")
            .run();
      }
      Properties props = new Properties();
      props.putAll(config);
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      synchronized (servers) {
        servers.put(id, server);
      }
    } catch (Exception e) {
      throw new IllegalStateException("node " + id + " did not start", e);
    }
  }

  private Map<String, String> config(int id) {
    StringBuilder users = new StringBuilder(" user_plain-admin=\"plain-admin-secret\"");
    USERS.forEach(
        u -> users.append(" user_").append(u).append("=\"").append(u).append("-secret\""));
    String jaas = plain("plain-admin", "plain-admin-secret", users.toString());

    Map<String, String> c = new LinkedHashMap<>();
    c.put("node.id", Integer.toString(id));
    List<String> voters = new ArrayList<>();
    controllerPorts.forEach((voter, port) -> voters.add(voter + "@127.0.0.1:" + port));
    c.put("controller.quorum.voters", String.join(",", voters));
    c.put("controller.listener.names", "CONTROLLER");
    c.put("listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    c.put("sasl.enabled.mechanisms", "PLAIN");
    c.put("sasl.mechanism.controller.protocol", "PLAIN");
    c.put("listener.name.controller.plain.sasl.jaas.config", jaas);
    c.put("log.dirs", dir.resolve("node-" + id).toString());
    c.put("super.users", "User:plain-admin");
    if (controllerPorts.containsKey(id)) {
      c.put("process.roles", "controller");
      c.put("listeners", "CONTROLLER://127.0.0.1:" + controllerPorts.get(id));
    } else {
      int port = brokerPorts.get(id);
      c.put("process.roles", "broker");
      c.put("listeners", "EXTERNAL://127.0.0.1:" + port);
      c.put("advertised.listeners", "EXTERNAL://127.0.0.1:" + port);
      c.put("inter.broker.listener.name", "EXTERNAL");
      c.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
      c.put("listener.name.external.plain.sasl.jaas.config", jaas);
      c.put("offsets.topic.replication.factor", "1");
      c.put("transaction.state.log.replication.factor", "1");
      c.put("transaction.state.log.min.isr", "1");
      c.put("group.initial.rebalance.delay.ms", "0");
      // A broker that has not seen a new topic yet makes producers wait instead of answering
      // with a denied auto-creation.
      c.put("auto.create.topics.enable", "false");
    }
    c.putAll(authorizer);
    return c;
  }

  private static String plain(String user, String password, String serverUsers) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\""
        + serverUsers
        + ";";
  }

  @Override
  public void close() {
    List<KafkaRaftServer> running;
    synchronized (servers) {
      running = new ArrayList<>(servers.values());
      servers.clear();
    }
    // Brokers first, then the controllers they report to.
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).shutdown();
      running.get(i).awaitShutdown();
    }
  }
}
