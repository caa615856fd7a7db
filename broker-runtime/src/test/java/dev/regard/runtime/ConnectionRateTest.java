package dev.regard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's connection rate per client address on a real broker: TLS connections opened as fast
 * as possible from one loopback address (127.0.0.2; Linux routes all of 127/8 to loopback) while a
 * producer from 127.0.0.1 is logged in.
 */
class ConnectionRateTest {
  private static final int RATE = 2;
  private static final String TOPIC = "orders.rate";
  private static final InetAddress ATTACKER = address("127.0.0.2");

  @TempDir static Path tmp;
  static Path run;
  static BrokerRuntime runtime;

  @BeforeAll
  static void start() throws Exception {
    run = tmp.resolve("run");
    RunLayout layout = new RunLayout(run);
    Path bundle = DefaultBundle.extract(layout.defaultBundleDir());
    runtime =
        new BrokerRuntime(
            new BrokerSettings(
                layout,
                "localhost",
                RuntimeFailuresTest.freePort(),
                RuntimeFailuresTest.freePort(),
                BundleSource.directory(bundle.toString()),
                1000,
                Map.of(),
                RATE));
    runtime.start();
    try (Admin admin = Admin.create(RuntimeAuthenticationTest.clientOf(run, "admin"))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void theRuntimeSetsTheRateForEveryAddressAndZeroRemovesIt() throws Exception {
    assertThat(defaultAddressQuota()).containsEntry(ConnectionRateQuota.KEY, (double) RATE);
    Map<String, String> broker = brokerSettings();
    try {
      ConnectionRateQuota.apply(broker, 0);
      assertThat(defaultAddressQuota()).isEmpty();
    } finally {
      ConnectionRateQuota.apply(broker, RATE);
    }
    assertThat(defaultAddressQuota()).containsEntry(ConnectionRateQuota.KEY, (double) RATE);
  }

  @Test
  void aConnectionFloodFromOneAddressIsEndedBeforeTlsWhileOtherClientsKeepWorking()
      throws Exception {
    SSLSocketFactory tls = trust();
    InetSocketAddress broker =
        new InetSocketAddress(address("localhost"), runtime.settings().port());
    Map<String, Object> alice = RuntimeAuthenticationTest.clientOf(run, "alice");
    try (KafkaProducer<String, String> established =
        new KafkaProducer<>(alice, new StringSerializer(), new StringSerializer())) {
      established.send(new ProducerRecord<>(TOPIC, "before")).get(60, TimeUnit.SECONDS);

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
        // Generous: the rate allows a burst of about ten seconds' worth before it holds back.
        for (int i = 0; i < 1200 && ended.get() < 5; i++) {
          Thread.sleep(100);
        }
        assertThat(ended.get()).as("connections from 127.0.0.2 ended before TLS").isPositive();

        // While that address is held back, the logged-in producer and a new client from another
        // address are served.
        established.send(new ProducerRecord<>(TOPIC, "during")).get(60, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> newcomer =
            new KafkaProducer<>(alice, new StringSerializer(), new StringSerializer())) {
          newcomer.send(new ProducerRecord<>(TOPIC, "newcomer")).get(60, TimeUnit.SECONDS);
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
    RuntimeAuthenticationTest.clientOf(run, "admin").forEach((k, v) -> settings.put(k, (String) v));
    settings.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\""
            + " password=\""
            + RuntimeAuthenticationTest.passwordOf(run, "broker")
            + "\";");
    return settings;
  }

  private static SSLSocketFactory trust() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    Map<String, Object> client = RuntimeAuthenticationTest.clientOf(run, "alice");
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
}
