package dev.regard.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Real KRaft nodes in this JVM, each a {@link KafkaRaftServer} with its own data folder and
 * loopback ports: one combined broker-and-controller node, or a quorum of controllers and separate
 * brokers. Broker listeners and the controller listener are SASL; each (listener, mechanism) uses
 * Kafka's own server callback handler or the one set with {@link Builder#callbackHandler}. The
 * cluster's own identity ({@link Builder#internalUser}) talks between nodes and is a super user.
 * Everything else (authorizer, principal builder, plugin settings) comes as plain settings, by
 * class name, so that this module depends on no Regard code.
 *
 * <p>Kafka's own multi-node test kit needs test classes Kafka does not publish, hence this one.
 */
public final class KraftCluster implements AutoCloseable {
  /** The name of the controller listener. */
  public static final String CONTROLLER = "CONTROLLER";

  private static final String PLAIN_LOGIN =
      "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String SCRAM_LOGIN =
      "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final String OAUTH_LOGIN =
      "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";

  /** A listener: its name, security protocol and SASL mechanisms. */
  public record Listener(String name, String protocol, List<String> mechanisms) {
    boolean tls() {
      return protocol.endsWith("SSL");
    }
  }

  private final Builder spec;
  private final String clusterId = Uuid.randomUuid().toString();
  private final Map<Integer, Map<String, Integer>> ports = new LinkedHashMap<>();
  private final Map<Integer, KafkaRaftServer> servers = new LinkedHashMap<>();

  private KraftCluster(Builder spec) throws IOException {
    this.spec = spec;
    for (int id : controllerIds()) {
      ports.put(id, new LinkedHashMap<>(Map.of(CONTROLLER, freePort())));
    }
    for (int id : brokerIds()) {
      Map<String, Integer> listeners = ports.computeIfAbsent(id, k -> new LinkedHashMap<>());
      for (Listener listener : spec.listeners) {
        listeners.put(listener.name(), freePort());
      }
      if (combined()) {
        listeners.put(CONTROLLER, freePort());
      }
    }
  }

  /** A cluster whose nodes keep their data under {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** What the cluster is made of; {@link #start()} brings it up. */
  public static final class Builder {
    private final Path dir;
    private int controllers;
    private int brokers = 1;
    private final List<Listener> listeners = new ArrayList<>();
    private Listener controller = new Listener(CONTROLLER, "SASL_PLAINTEXT", List.of("PLAIN"));
    private String interBrokerMechanism;
    private String user = "admin";
    private String password = "admin-secret";
    private final Map<String, String> plainUsers = new LinkedHashMap<>();
    private final Map<String, String> handlers = new HashMap<>();
    private TestTls tls;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** One node that is broker and controller at once (the default). */
    public Builder combined() {
      controllers = 0;
      brokers = 1;
      return this;
    }

    /** A quorum of {@code controllers} controller-only nodes and {@code brokers} broker nodes. */
    public Builder split(int controllers, int brokers) {
      this.controllers = controllers;
      this.brokers = brokers;
      return this;
    }

    /**
     * A broker listener; the first one carries traffic between brokers, with its first mechanism
     * unless {@link #interBrokerMechanism} says otherwise.
     */
    public Builder listener(String name, String protocol, String... mechanisms) {
      listeners.add(new Listener(name, protocol, List.of(mechanisms)));
      return this;
    }

    /** The controller listener's protocol and mechanism (default SASL_PLAINTEXT, PLAIN). */
    public Builder controllerListener(String protocol, String mechanism) {
      controller = new Listener(CONTROLLER, protocol, List.of(mechanism));
      return this;
    }

    public Builder interBrokerMechanism(String mechanism) {
      interBrokerMechanism = mechanism;
      return this;
    }

    /** The identity nodes use among themselves, a super user (default admin/admin-secret). */
    public Builder internalUser(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /** Users that Kafka's own PLAIN handler knows (when no handler replaces it). */
    public Builder plainUser(String user, String password) {
      plainUsers.put(user, password);
      return this;
    }

    /** The server callback handler class for a mechanism, on every listener that offers it. */
    public Builder callbackHandler(String mechanism, String className) {
      handlers.put(mechanism, className);
      return this;
    }

    /** The broker's key and the clients' trust store, for SSL listeners. */
    public Builder tls(TestTls tls) {
      this.tls = tls;
      return this;
    }

    /** A node setting, such as {@code authorizer.class.name} or a plugin key; applied last. */
    public Builder set(String key, String value) {
      settings.put(key, value);
      return this;
    }

    public Builder set(Map<String, String> values) {
      settings.putAll(values);
      return this;
    }

    /** Formats and starts every node, and waits until every broker has joined. */
    public KraftCluster start() throws Exception {
      if (listeners.isEmpty()) {
        throw new IllegalStateException("no broker listener");
      }
      boolean needsTls = controller.tls() || listeners.stream().anyMatch(Listener::tls);
      if (needsTls && tls == null) {
        throw new IllegalStateException("an SSL listener needs tls(...)");
      }
      KraftCluster cluster = new KraftCluster(this);
      try {
        cluster.startAll();
      } catch (Exception | Error e) {
        cluster.close();
        throw e;
      }
      return cluster;
    }
  }

  /** Controller-only node ids (100, 101, ...); empty for a combined node. */
  public List<Integer> controllerIds() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < spec.controllers; i++) {
      ids.add(100 + i);
    }
    return ids;
  }

  /** Broker node ids (1, 2, ...); the combined node is 1. */
  public Set<Integer> brokerIds() {
    Set<Integer> ids = new LinkedHashSet<>();
    for (int i = 1; i <= spec.brokers; i++) {
      ids.add(i);
    }
    return ids;
  }

  private boolean combined() {
    return spec.controllers == 0;
  }

  private void startAll() throws Exception {
    // The controllers start together: none can finish an election alone.
    startTogether(controllerIds());
    startTogether(brokerIds());
    Listener first = spec.listeners.get(0);
    try (Admin admin =
        Admin.create(client(first.name(), interBrokerMechanism(), spec.user, spec.password))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size() < spec.brokers) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("brokers did not all join within 60 s");
        }
        Thread.sleep(100);
      }
    }
  }

  private void startTogether(java.util.Collection<Integer> ids) {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (int id : ids) {
      started.add(CompletableFuture.runAsync(() -> start(id)));
    }
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
  }

  /** Stops node {@code id} and starts it again on the same folder and ports. */
  public void restart(int id) {
    KafkaRaftServer server;
    synchronized (servers) {
      server = servers.remove(id);
    }
    server.shutdown();
    server.awaitShutdown();
    start(id);
  }

  /** The bootstrap address list of a broker listener, naming every broker. */
  public String bootstrap(String listener) {
    List<String> addresses = new ArrayList<>();
    for (int id : brokerIds()) {
      addresses.add("127.0.0.1:" + ports.get(id).get(listener));
    }
    return String.join(",", addresses);
  }

  /** Client settings for a listener and mechanism with the given JAAS line. */
  public Map<String, Object> client(String listener, String mechanism, String jaas) {
    Listener l = listener(listener);
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap(listener));
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, l.protocol());
    config.put(SaslConfigs.SASL_MECHANISM, mechanism);
    config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
    if (l.tls()) {
      config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, spec.tls.trustStore().toString());
      config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
      config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, spec.tls.password());
    }
    config.put("default.api.timeout.ms", 30_000);
    config.put("request.timeout.ms", 10_000);
    config.put("reconnect.backoff.max.ms", 1_000);
    return config;
  }

  /** Client settings for a user and password with PLAIN or SCRAM. */
  public Map<String, Object> client(String listener, String mechanism, String user, String pass) {
    return client(listener, mechanism, jaas(mechanism, user, pass, ""));
  }

  /** The same settings as {@link Properties}, as producers and consumers take them. */
  public static Properties properties(Map<String, Object> client) {
    Properties props = new Properties();
    props.putAll(client);
    return props;
  }

  public Admin plain(String listener, String user, String password) {
    return Admin.create(client(listener, "PLAIN", user, password));
  }

  public Admin scram(String listener, String user, String password) {
    return Admin.create(client(listener, "SCRAM-SHA-512", user, password));
  }

  private Listener listener(String name) {
    return spec.listeners.stream()
        .filter(l -> l.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no broker listener " + name));
  }

  private String interBrokerMechanism() {
    return spec.interBrokerMechanism != null
        ? spec.interBrokerMechanism
        : spec.listeners.get(0).mechanisms().get(0);
  }

  private static String jaas(String mechanism, String user, String password, String extra) {
    String module =
        switch (mechanism) {
          case "PLAIN" -> PLAIN_LOGIN;
          case "OAUTHBEARER" -> OAUTH_LOGIN;
          default -> SCRAM_LOGIN;
        };
    if (mechanism.equals("OAUTHBEARER")) {
      return module + " required" + extra + ";";
    }
    return module
        + " required username=\""
        + user
        + "\" password=\""
        + password
        + "\""
        + extra
        + ";";
  }

  private void start(int id) {
    try {
      Map<String, String> config = config(id);
      Path data = Path.of(config.get("log.dirs"));
      if (!Files.exists(data.resolve("meta.properties"))) {
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(id)
            .setClusterId(clusterId)
            .setDirectories(List.of(data.toString()))
            .setMetadataLogDirectory(data.toString())
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setControllerListenerName(CONTROLLER)
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
    boolean controller = combined() || controllerIds().contains(id);
    boolean broker = brokerIds().contains(id);
    Map<String, String> c = new LinkedHashMap<>();
    c.put("node.id", Integer.toString(id));
    c.put(
        "process.roles",
        broker && controller ? "broker,controller" : broker ? "broker" : "controller");
    List<String> voters = new ArrayList<>();
    for (int voter : combined() ? List.of(1) : controllerIds()) {
      voters.add(voter + "@127.0.0.1:" + ports.get(voter).get(CONTROLLER));
    }
    c.put("controller.quorum.voters", String.join(",", voters));
    c.put("controller.listener.names", CONTROLLER);

    // Every node speaks SASL on the controller listener, brokers as its clients.
    List<Listener> sasl = new ArrayList<>();
    if (broker) {
      sasl.addAll(spec.listeners);
    }
    sasl.add(spec.controller);
    List<String> addresses = new ArrayList<>();
    Set<String> mechanisms = new LinkedHashSet<>();
    for (Listener l : sasl) {
      if (l != spec.controller || controller) {
        addresses.add(l.name() + "://127.0.0.1:" + ports.get(id).get(l.name()));
        mechanisms.addAll(l.mechanisms());
      }
      String prefix = "listener.name." + l.name().toLowerCase(Locale.ROOT) + ".";
      c.put(prefix + "sasl.enabled.mechanisms", String.join(",", l.mechanisms()));
      for (String mechanism : l.mechanisms()) {
        String at = prefix + mechanism.toLowerCase(Locale.ROOT) + ".";
        String handler = spec.handlers.get(mechanism);
        if (handler != null) {
          c.put(at + "sasl.server.callback.handler.class", handler);
        }
        StringBuilder users = new StringBuilder();
        if (mechanism.equals("PLAIN") && handler == null) {
          users.append(" user_").append(spec.user).append("=\"").append(spec.password).append('"');
          spec.plainUsers.forEach(
              (u, p) -> users.append(" user_").append(u).append("=\"").append(p).append('"'));
        }
        c.put(at + "sasl.jaas.config", jaas(mechanism, spec.user, spec.password, users.toString()));
      }
    }
    c.put("listeners", String.join(",", addresses));
    c.put(
        "listener.security.protocol.map",
        String.join(",", spec.listeners.stream().map(l -> l.name() + ":" + l.protocol()).toList())
            + ","
            + CONTROLLER
            + ":"
            + spec.controller.protocol());
    c.put("sasl.enabled.mechanisms", String.join(",", mechanisms));
    c.put("sasl.mechanism.controller.protocol", spec.controller.mechanisms().get(0));
    if (broker) {
      List<String> advertised = new ArrayList<>();
      for (Listener l : spec.listeners) {
        advertised.add(l.name() + "://127.0.0.1:" + ports.get(id).get(l.name()));
      }
      c.put("advertised.listeners", String.join(",", advertised));
      c.put("inter.broker.listener.name", spec.listeners.get(0).name());
      c.put("sasl.mechanism.inter.broker.protocol", interBrokerMechanism());
    }
    if (spec.tls != null) {
      c.put("ssl.keystore.location", spec.tls.keyStore().toString());
      c.put("ssl.keystore.type", "PKCS12");
      c.put("ssl.keystore.password", spec.tls.password());
      c.put("ssl.key.password", spec.tls.password());
      c.put("ssl.truststore.location", spec.tls.trustStore().toString());
      c.put("ssl.truststore.type", "PKCS12");
      c.put("ssl.truststore.password", spec.tls.password());
    }
    String data = spec.dir.resolve("node-" + id).toString();
    c.put("log.dirs", data);
    c.put("metadata.log.dir", data);
    c.put("super.users", "User:" + spec.user);
    c.put("num.partitions", "1");
    c.put("offsets.topic.replication.factor", "1");
    c.put("offsets.topic.num.partitions", "1");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("transaction.state.log.num.partitions", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    c.putAll(spec.settings);
    return c;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops brokers first, then the controllers they report to. */
  @Override
  public void close() {
    List<KafkaRaftServer> running;
    synchronized (servers) {
      running = new ArrayList<>(servers.values());
      servers.clear();
    }
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).shutdown();
      running.get(i).awaitShutdown();
    }
  }
}
