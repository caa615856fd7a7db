package dev.regard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.testing.JwksServer;
import dev.regard.testing.TokenLoginHandler;
import dev.regard.testing.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the runtime's broker, as an attacker on loopback would try them: its SASL_SSL listener
 * with OAUTHBEARER enabled (keys from a JWKS server on loopback) and, added by settings as an
 * operator might, a SASL_PLAINTEXT listener offering PLAIN and SCRAM. The default bundle's real
 * Rego authentication policy decides; the log lines are the runtime's own. A connection flood comes
 * from 127.0.0.2 (Linux routes all of 127/8 to loopback), the other clients from 127.0.0.1.
 */
class RuntimeAuthenticationTest {
  private static final RsaJsonWebKey KEY = Tokens.rsaKey("runtime-key");
  private static final String SCRAM = DemoIdentities.MECHANISM;
  private static final InetAddress ATTACKER = address("127.0.0.2");

  @TempDir static Path tmp;
  static Path run;
  static JwksServer jwks;
  static BrokerRuntime runtime;
  static int cleartextPort;
  static final List<String> log = new CopyOnWriteArrayList<>();
  static LogLines capture;

  @BeforeAll
  static void start() throws Exception {
    jwks = new JwksServer();
    jwks.publish(KEY);
    run = tmp.resolve("run");
    RunLayout layout = new RunLayout(run);
    Path bundle = DefaultBundle.extract(layout.defaultBundleDir());
    int port = RuntimeFailuresTest.freePort();
    int controllerPort = RuntimeFailuresTest.freePort();
    cleartextPort = RuntimeFailuresTest.freePort();
    Map<String, String> overrides = new HashMap<>();
    overrides.put(
        "listeners",
        "SASL_SSL://localhost:"
            + port
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort
            + ",INSECURE://127.0.0.1:"
            + cleartextPort);
    overrides.put(
        "listener.security.protocol.map",
        "SASL_SSL:SASL_SSL,CONTROLLER:SSL,INSECURE:SASL_PLAINTEXT");
    overrides.put(
        "listener.name.insecure.plain.sasl.server.callback.handler.class",
        BrokerProperties.PLAIN_HANDLER_CLASS);
    overrides.put(
        "listener.name.insecure.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required;");
    overrides.put(
        "listener.name.insecure.scram-sha-512.sasl.server.callback.handler.class",
        BrokerProperties.SCRAM_HANDLER_CLASS);
    overrides.put(
        "listener.name.insecure.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    overrides.put("listener.name.insecure.sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
    overrides.put("regard.authn.plain.cleartext.enabled", "true");
    overrides.put("regard.authn.oauth.jwks.url", jwks.url().toString());
    overrides.put("regard.authn.oauth.issuer", Tokens.ISSUER);
    overrides.put("regard.authn.oauth.audience", Tokens.AUDIENCE);
    // Wrong passwords in a row are the point here; the delay stays Kafka's default.
    overrides.put("connection.failed.authentication.delay.ms", "100");
    capture = new LogLines();
    runtime =
        new BrokerRuntime(
            new BrokerSettings(
                layout,
                "localhost",
                port,
                controllerPort,
                BundleSource.directory(bundle.toString()),
                1000,
                overrides));
    runtime.start();
    try (Admin admin = Admin.create(client("admin"))) {
      admin
          .createTopics(List.of(new NewTopic("orders.attack", 1, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (capture != null) {
      capture.close();
    }
    jwks.close();
  }

  @Test
  void rightAndWrongPlainPasswordsWithoutTlsAreRefusedAlike() throws Exception {
    Throwable right = failure(cleartext("PLAIN", "alice", password("alice")));
    Throwable wrong = failure(cleartext("PLAIN", "alice", "not-alices"));
    assertThat(right).isInstanceOf(SaslAuthenticationException.class);
    assertThat(wrong).isInstanceOf(SaslAuthenticationException.class);
    assertThat(right.getMessage()).isEqualTo(wrong.getMessage());
  }

  @Test
  void aTokenIsAdmittedByTheRegoPolicyAndOneWhoseSubjectHoldsANewlineIsRefused() throws Exception {
    String good = Tokens.sign(Tokens.claims("alice", List.of()), KEY);
    Map<String, Object> config = oauth(good);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("orders.attack", "by token")).get(60, TimeUnit.SECONDS);
    }
    String forged = Tokens.sign(Tokens.claims("alice\nINFO fake", List.of()), KEY);
    assertThat(failure(oauth(forged))).isInstanceOf(SaslAuthenticationException.class);
    assertThat(log).anyMatch(l -> l.contains("user=alice\\u000aINFO fake"));
    assertThat(log).noneMatch(l -> l.contains("alice\nINFO"));
  }

  @Test
  void aWrongScramPasswordLeavesOneClearLine() throws Exception {
    int before = log.size();
    assertThat(failure(tls(SCRAM, "bob", "not-bobs")))
        .isInstanceOf(SaslAuthenticationException.class);
    assertThat(log.subList(before, log.size()))
        .filteredOn(l -> l.startsWith("Authentication refused") && l.contains("user=bob "))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("outcome=bad-credentials", "listener=SASL_SSL"));
  }

  @Test
  void aPolicyRefusalNamesItsRuleAndTheClient() throws Exception {
    int before = log.size();
    // The default policy accepts no mechanism on a listener it does not know.
    assertThat(failure(cleartext(SCRAM, "bob", password("bob")))).isNotNull();
    assertThat(log.subList(before, log.size()))
        .anyMatch(
            l ->
                l.contains("outcome=policy-denied")
                    && l.contains("rules=mechanism_not_accepted")
                    && l.contains("client=127.0.0.1"));
  }

  @Test
  void aScramUserNameOfFourThousandCharactersIsAnsweredWithinTenSeconds() throws Exception {
    int before = log.size();
    long start = System.nanoTime();
    assertThat(failure(cleartext(SCRAM, "u".repeat(4000), "x")))
        .isInstanceOf(SaslAuthenticationException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    List<String> lines = log.subList(before, log.size());
    assertThat(lines).noneMatch(l -> l.contains("StackOverflowError"));
    assertThat(String.join("\n", lines).length()).isLessThan(2_000);
  }

  @Test
  void theRuntimeSetsTheDefaultRateForEveryAddressAndZeroRemovesIt() throws Exception {
    double rate = BrokerSettings.DEFAULT_CONNECTION_RATE_PER_IP;
    assertThat(defaultAddressQuota()).containsEntry(ConnectionRateQuota.KEY, rate);
    Map<String, String> broker = brokerSettings();
    try {
      ConnectionRateQuota.apply(broker, 0);
      assertThat(defaultAddressQuota()).isEmpty();
    } finally {
      ConnectionRateQuota.apply(broker, (int) rate);
    }
    assertThat(defaultAddressQuota()).containsEntry(ConnectionRateQuota.KEY, rate);
  }

  @Test
  void aConnectionFloodFromOneAddressIsEndedBeforeTlsWhileOtherClientsKeepWorking()
      throws Exception {
    SSLSocketFactory tls = trust();
    InetSocketAddress broker =
        new InetSocketAddress(address("localhost"), runtime.settings().port());
    Map<String, Object> alice = client("alice");
    try (KafkaProducer<String, String> established =
        new KafkaProducer<>(alice, new StringSerializer(), new StringSerializer())) {
      established.send(new ProducerRecord<>("orders.attack", "before")).get(60, TimeUnit.SECONDS);

      AtomicBoolean flooding = new AtomicBoolean(true);
      AtomicLong sessions = new AtomicLong();
      AtomicLong ended = new AtomicLong();
      List<Thread> flood = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (flooding.get()) {
                    (handshake(tls, broker) ? sessions : ended).incrementAndGet();
                  }
                });
        t.setDaemon(true);
        t.start();
        flood.add(t);
      }
      try {
        // Generous: the rate allows about ten seconds' worth at once before it holds back.
        for (int i = 0; i < 1200 && ended.get() < 5; i++) {
          Thread.sleep(100);
        }
        assertThat(ended.get()).as("connections from 127.0.0.2 ended before TLS").isPositive();

        // While that address is held back, the logged-in producer and a new client from another
        // address are served.
        established.send(new ProducerRecord<>("orders.attack", "during")).get(60, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> newcomer =
            new KafkaProducer<>(alice, new StringSerializer(), new StringSerializer())) {
          newcomer
              .send(new ProducerRecord<>("orders.attack", "newcomer"))
              .get(60, TimeUnit.SECONDS);
        }
        assertThat(ended.get()).as("still held back").isGreaterThanOrEqualTo(5);
      } finally {
        flooding.set(false);
        for (Thread t : flood) {
          t.join(60_000);
        }
      }
      assertThat(sessions.get()).as("TLS sessions from 127.0.0.2 within the rate").isPositive();
    }
  }

  /** True when a TLS session was established from the attacker's address. */
  private static boolean handshake(SSLSocketFactory tls, InetSocketAddress broker) {
    try (Socket plain = new Socket()) {
      plain.bind(new InetSocketAddress(ATTACKER, 0));
      plain.connect(broker, 10_000);
      plain.setSoTimeout(30_000);
      try (SSLSocket secured =
          (SSLSocket) tls.createSocket(plain, "localhost", broker.getPort(), false)) {
        secured.startHandshake();
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static Map<String, Double> defaultAddressQuota() throws Exception {
    ClientQuotaFilter filter =
        ClientQuotaFilter.containsOnly(
            List.of(ClientQuotaFilterComponent.ofDefaultEntity(ClientQuotaEntity.IP)));
    try (Admin admin = Admin.create(new HashMap<String, Object>(brokerSettings()))) {
      Map<ClientQuotaEntity, Map<String, Double>> quotas =
          admin.describeClientQuotas(filter).entities().get(60, TimeUnit.SECONDS);
      return quotas.values().stream().findFirst().orElse(Map.of());
    }
  }

  /** The broker's own identity, a super user, as the runtime uses it. */
  private static Map<String, String> brokerSettings() throws Exception {
    Map<String, String> settings = new HashMap<>();
    client("admin").forEach((k, v) -> settings.put(k, (String) v));
    settings.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\""
            + " password=\""
            + password("broker")
            + "\";");
    return settings;
  }

  private static SSLSocketFactory trust() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    Map<String, Object> client = client("alice");
    try (InputStream in =
        Files.newInputStream(Path.of((String) client.get("ssl.truststore.location")))) {
      store.load(in, ((String) client.get("ssl.truststore.password")).toCharArray());
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static InetAddress address(String name) {
    try {
      for (InetAddress a : InetAddress.getAllByName(name)) {
        if (a instanceof java.net.Inet4Address) {
          return a;
        }
      }
      throw new IllegalStateException(name + " has no IPv4 address");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String password(String user) throws Exception {
    Properties secrets = new Properties();
    try (InputStream in = Files.newInputStream(run.resolve("secrets/secrets.properties"))) {
      secrets.load(in);
    }
    return secrets.getProperty("user." + user + ".password");
  }

  static Map<String, Object> client(String user) throws Exception {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(run.resolve("clients/" + user + ".properties"))) {
      p.load(in);
    }
    Map<String, Object> config = new HashMap<>();
    p.forEach((k, v) -> config.put((String) k, v));
    config.put("default.api.timeout.ms", "20000");
    config.put("request.timeout.ms", "20000");
    return config;
  }

  static Map<String, Object> tls(String mechanism, String user, String password) throws Exception {
    Map<String, Object> config = client("alice");
    config.put(SaslConfigs.SASL_MECHANISM, mechanism);
    config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(mechanism, user, password));
    return config;
  }

  static Map<String, Object> cleartext(String mechanism, String user, String password) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", "127.0.0.1:" + cleartextPort);
    config.put("security.protocol", "SASL_PLAINTEXT");
    config.put(SaslConfigs.SASL_MECHANISM, mechanism);
    config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(mechanism, user, password));
    config.put("default.api.timeout.ms", "20000");
    config.put("request.timeout.ms", "20000");
    return config;
  }

  static Map<String, Object> oauth(String token) throws Exception {
    Map<String, Object> config = client("alice");
    config.put(SaslConfigs.SASL_MECHANISM, "OAUTHBEARER");
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required token=\""
            + token
            + "\";");
    config.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, TokenLoginHandler.class.getName());
    return config;
  }

  private static String jaas(String mechanism, String user, String password) {
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return module + " required username=\"" + user + "\" password=\"" + password + "\";";
  }

  /** The cause of a failed describeCluster, or null when it succeeded. */
  static Throwable failure(Map<String, Object> config) {
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  interface Call {
    Object run() throws Exception;
  }

  /** The cause of a failed call, or null when it succeeded. */
  static Throwable cause(Call call) {
    try {
      call.run();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  /** Every line the runtime logs while the tests run, as its log configuration formats them. */
  static final class LogLines extends AbstractAppender implements AutoCloseable {
    private final Logger root = (Logger) LogManager.getRootLogger();

    LogLines() {
      super("runtime-authentication-test", null, null, true, Property.EMPTY_ARRAY);
      start();
      root.addAppender(this);
    }

    @Override
    public void append(LogEvent event) {
      log.add(
          event.getMessage().getFormattedMessage()
              + (event.getThrown() == null ? "" : " " + event.getThrown()));
    }

    @Override
    public void close() {
      root.removeAppender(this);
      stop();
    }
  }
}
