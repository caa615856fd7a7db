package dev.regard.kafka.authn;

import dev.regard.kafka.authz.RegardAuthorizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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
 * A real KRaft node (broker and controller in one process) in this JVM whose every authentication
 * goes through Regard: the broker listens on EXTERNAL (SASL_SSL) and INSECURE (SASL_PLAINTEXT),
 * each offering PLAIN, SCRAM-SHA-512 and OAUTHBEARER with Regard's handlers; the controller
 * listener (SASL_PLAINTEXT) offers SCRAM-SHA-512, which the broker uses as user "admin". Principals
 * come from Regard's principal builder and decisions from the Regard authorizer.
 */
final class SecureCluster implements AutoCloseable {
  static final String EXTERNAL = "EXTERNAL";
  static final String INSECURE = "INSECURE";
  static final String CONTROLLER = "CONTROLLER";
  static final String ADMIN_PASSWORD = "admin-secret";
  private static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-512", "OAUTHBEARER");

  private final KafkaRaftServer server;
  private final TestTls tls;
  private final Map<String, Integer> ports = new HashMap<>();

  SecureCluster(Path dir, Map<String, String> regardConfig) throws Exception {
    tls = TestTls.create(dir);
    for (String listener : List.of(EXTERNAL, INSECURE, CONTROLLER)) {
      ports.put(listener, freePort());
    }
    String logDir = dir.resolve("log").toString();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + ports.get(CONTROLLER));
    props.put(
        "listeners",
        String.join(
            ",",
            EXTERNAL + "://127.0.0.1:" + ports.get(EXTERNAL),
            INSECURE + "://127.0.0.1:" + ports.get(INSECURE),
            CONTROLLER + "://127.0.0.1:" + ports.get(CONTROLLER)));
    props.put(
        "advertised.listeners",
        EXTERNAL
            + "://127.0.0.1:"
            + ports.get(EXTERNAL)
            + ","
            + INSECURE
            + "://127.0.0.1:"
            + ports.get(INSECURE));
    props.put(
        "listener.security.protocol.map",
        EXTERNAL + ":SASL_SSL," + INSECURE + ":SASL_PLAINTEXT," + CONTROLLER + ":SASL_PLAINTEXT");
    props.put("inter.broker.listener.name", EXTERNAL);
    props.put("controller.listener.names", CONTROLLER);
    props.put("authorizer.class.name", RegardAuthorizer.class.getName());
    props.put("principal.builder.class", RegardPrincipalBuilder.class.getName());
    props.put("super.users", "User:admin");
    props.put("sasl.enabled.mechanisms", String.join(",", MECHANISMS));
    props.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
    props.put("sasl.mechanism.controller.protocol", "SCRAM-SHA-512");
    props.put("ssl.keystore.location", tls.keyStore().toString());
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.password", tls.password());
    props.put("ssl.key.password", tls.password());
    props.put("ssl.truststore.location", tls.trustStore().toString());
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.password", tls.password());
    props.put("log.dirs", logDir);
    props.put("metadata.log.dir", logDir);
    props.put("num.partitions", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    for (String listener : List.of(EXTERNAL, INSECURE)) {
      for (String mechanism : MECHANISMS) {
        handler(props, listener, mechanism);
      }
    }
    handler(props, CONTROLLER, "SCRAM-SHA-512");
    props.put(prefix(CONTROLLER) + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
    props.putAll(regardConfig);

    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir))
        .setMetadataLogDirectory(logDir)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setControllerListenerName(CONTROLLER)
        .run();
    server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    try (Admin admin = scram(EXTERNAL, "admin", ADMIN_PASSWORD)) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void handler(Properties props, String listener, String mechanism) {
    String at = prefix(listener) + mechanism.toLowerCase(Locale.ROOT) + ".";
    Class<?> handler =
        switch (mechanism) {
          case "PLAIN" -> PlainCallbackHandler.class;
          case "OAUTHBEARER" -> OAuthBearerCallbackHandler.class;
          default -> ScramCallbackHandler.class;
        };
    String loginModule =
        switch (mechanism) {
          case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule required;";
          case "OAUTHBEARER" ->
              "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;";
          default ->
              "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                  + ADMIN_PASSWORD
                  + "\";";
        };
    props.put(at + "sasl.server.callback.handler.class", handler.getName());
    props.put(at + "sasl.jaas.config", loginModule);
  }

  private static String prefix(String listener) {
    return "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
  }

  private int port(String listener) {
    return ports.get(listener);
  }

  /** Client settings for a listener and mechanism, with the given JAAS line. */
  Map<String, Object> client(String listener, String mechanism, String jaas) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port(listener));
    config.put(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        listener.equals(EXTERNAL) ? "SASL_SSL" : "SASL_PLAINTEXT");
    config.put(SaslConfigs.SASL_MECHANISM, mechanism);
    config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
    config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.trustStore().toString());
    config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
    config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, tls.password());
    config.put("default.api.timeout.ms", 15_000);
    config.put("request.timeout.ms", 5_000);
    config.put("reconnect.backoff.max.ms", 1_000);
    return config;
  }

  Admin plain(String listener, String user, String password) {
    return Admin.create(
        client(
            listener,
            "PLAIN",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user
                + "\" password=\""
                + password
                + "\";"));
  }

  Admin scram(String listener, String user, String password) {
    return Admin.create(
        client(
            listener,
            "SCRAM-SHA-512",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user
                + "\" password=\""
                + password
                + "\";"));
  }

  Admin oauth(String listener, String token, String extension) {
    Map<String, Object> config =
        client(
            listener,
            "OAUTHBEARER",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required token=\""
                + token
                + "\""
                + (extension == null
                    ? ""
                    : " extension.name=\"" + extension + "\" extension.value=\"x\"")
                + ";");
    config.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, TokenLoginHandler.class.getName());
    return Admin.create(config);
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
