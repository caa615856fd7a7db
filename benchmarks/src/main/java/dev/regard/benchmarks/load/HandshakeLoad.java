package dev.regard.benchmarks.load;

import dev.regard.kafka.credentials.CredentialEntries;
import dev.regard.rego.value.Json;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Authentication handshakes per second through a real broker, Regard's callback handlers and
 * principal builder against Kafka's built-in ones, in one run on one broker: the broker runtime
 * started with {@code benchmarks/handshake-broker.properties}, which adds listeners served by
 * Kafka's own handlers beside Regard's.
 *
 * <p>One user, {@code handshake}, has the same password and the same hash cost everywhere: in
 * Regard's bundle a PBKDF2-HMAC-SHA512 hash and SCRAM credentials, in Kafka's metadata log SCRAM
 * credentials, both at {@code --iterations}. Kafka's built-in PLAIN compares a clear-text password
 * from its JAAS configuration and so has no hash cost at all; the same-cost comparison for Regard's
 * PLAIN is Kafka's SCRAM, where the one salted derivation per handshake happens in the client
 * instead.
 *
 * <p>Each measured window runs {@code --threads} clients that open a connection, authenticate, send
 * one request and close, over and over. Windows of the scenarios alternate, so drift in the machine
 * affects both sides alike, and each figure is the median of {@code --rounds} windows.
 *
 * <pre>
 * HandshakeLoad --run-dir=run [--threads=4] [--seconds=15] [--rounds=3] [--warmup-s=10]
 *               [--iterations=10000] [--password=...]
 * </pre>
 */
public final class HandshakeLoad {
  static final String USER = "handshake";
  private static final String SHA512 = "SCRAM-SHA-512";
  private static final String SHA256 = "SCRAM-SHA-256";

  /** Where a client connects, with what, and whose handlers answer. */
  record Scenario(String name, int port, boolean tls, String mechanism) {}

  /** Two scenarios whose rates are compared: Regard's and its Kafka baseline. */
  record Comparison(String what, Scenario regard, Scenario kafka) {}

  private final LoadOptions options;
  private final RunDirectory run;
  private final char[] password;

  HandshakeLoad(LoadOptions options) {
    this.options = options;
    this.run = new RunDirectory(Path.of(options.get("run-dir", "run")));
    this.password = options.get("password", "handshake-benchmark-only-password").toCharArray();
  }

  public static void main(String[] args) throws Exception {
    System.exit(new HandshakeLoad(LoadOptions.parse(args)).execute(System.out) ? 0 : 1);
  }

  boolean execute(PrintStream out) throws Exception {
    int iterations = options.integer("iterations", 10_000);
    int regardTls = options.integer("regard-tls-port", 19093);
    int regardPlain = options.integer("regard-port", 19095);
    int kafkaTls = options.integer("kafka-tls-port", 19096);
    int kafkaPlain = options.integer("kafka-port", 19097);
    Scenario regardTlsPlain = new Scenario("Regard PLAIN, TLS", regardTls, true, "PLAIN");
    Scenario regardTlsScram512 = new Scenario("Regard SCRAM-SHA-512, TLS", regardTls, true, SHA512);
    Scenario regardScram512 = new Scenario("Regard SCRAM-SHA-512", regardPlain, false, SHA512);
    Scenario regardScram256 = new Scenario("Regard SCRAM-SHA-256", regardPlain, false, SHA256);
    Scenario kafkaTlsPlain =
        new Scenario("Kafka PLAIN (clear-text JAAS), TLS", kafkaTls, true, "PLAIN");
    Scenario kafkaTlsScram512 = new Scenario("Kafka SCRAM-SHA-512, TLS", kafkaTls, true, SHA512);
    Scenario kafkaScram512 = new Scenario("Kafka SCRAM-SHA-512", kafkaPlain, false, SHA512);
    Scenario kafkaScram256 = new Scenario("Kafka SCRAM-SHA-256", kafkaPlain, false, SHA256);
    List<Comparison> comparisons =
        List.of(
            new Comparison("SCRAM-SHA-512, SASL_PLAINTEXT", regardScram512, kafkaScram512),
            new Comparison("SCRAM-SHA-256, SASL_PLAINTEXT", regardScram256, kafkaScram256),
            new Comparison("SCRAM-SHA-512, SASL_SSL", regardTlsScram512, kafkaTlsScram512),
            new Comparison(
                "PLAIN (Regard) vs SCRAM-SHA-512 (Kafka), SASL_SSL, one derivation each",
                regardTlsPlain,
                kafkaTlsScram512));
    List<Scenario> scenarios =
        List.of(
            regardScram512,
            kafkaScram512,
            regardScram256,
            kafkaScram256,
            regardTlsScram512,
            kafkaTlsScram512,
            regardTlsPlain,
            kafkaTlsPlain);

    prepare(iterations);
    SSLSocketFactory tls = run.trust();
    for (Scenario s : scenarios) {
      awaitFirstSuccess(s, tls);
    }
    int threads = options.integer("threads", 4);
    long windowMs = options.integer("seconds", 15) * 1000L;
    long warmupMs = options.integer("warmup-s", 10) * 1000L;
    for (Scenario s : scenarios) {
      window(s, tls, threads, warmupMs / scenarios.size() + 1000);
    }
    Map<Scenario, List<Double>> rates = new LinkedHashMap<>();
    int rounds = options.integer("rounds", 3);
    for (int round = 0; round < rounds; round++) {
      for (Scenario s : scenarios) {
        rates.computeIfAbsent(s, k -> new ArrayList<>()).add(window(s, tls, threads, windowMs));
      }
    }

    out.printf(
        "user %s, %d iterations everywhere, %d client threads, %d windows of %d s per scenario%n",
        USER, iterations, threads, rounds, windowMs / 1000);
    for (Map.Entry<Scenario, List<Double>> e : rates.entrySet()) {
      out.printf(
          "%-40s median %7.1f handshakes/s  windows %s%n",
          e.getKey().name(), median(e.getValue()), format(e.getValue()));
    }
    for (Comparison c : comparisons) {
      double regard = median(rates.get(c.regard()));
      double kafka = median(rates.get(c.kafka()));
      out.printf(
          "%s: Regard %.1f/s, Kafka %.1f/s, Regard at %.1f%% of Kafka%n",
          c.what(), regard, kafka, 100 * regard / kafka);
    }
    return true;
  }

  /**
   * Gives the user its credentials: in the runtime's bundle (picked up at the broker's next poll)
   * and in Kafka's metadata log.
   */
  private void prepare(int iterations) throws Exception {
    Path file = run.bundle().resolve("kafka/credentials/" + USER + "/data.json");
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".data", ".tmp");
    Files.writeString(
        tmp,
        Json.writePretty(
            CredentialEntries.of(password, iterations, iterations, new SecureRandom())),
        StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    try (Admin admin = Admin.create(run.superUser())) {
      // One request per mechanism: Kafka refuses two changes to one user in a request.
      for (ScramMechanism mechanism :
          List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
        admin
            .alterUserScramCredentials(
                List.of(
                    new UserScramCredentialUpsertion(
                        USER,
                        new ScramCredentialInfo(mechanism, iterations),
                        new String(password))))
            .all()
            .get();
      }
    }
  }

  /** Waits until one handshake succeeds: the broker has read the new bundle data. */
  private void awaitFirstSuccess(Scenario s, SSLSocketFactory tls) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        handshake(s, tls).run();
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(s.name() + ": no handshake succeeded: " + e, e);
        }
        Thread.sleep(500);
      }
    }
  }

  /** Handshakes per second over one window; any failure stops the run. */
  private double window(Scenario s, SSLSocketFactory tls, int threads, long millis)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long end = System.nanoTime() + millis * 1_000_000;
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      Thread t =
          new Thread(
              () -> {
                SaslHandshake handshake = handshake(s, tls);
                while (System.nanoTime() < end && failure.get() == null) {
                  try {
                    handshake.run();
                    done.incrementAndGet();
                  } catch (Exception e) {
                    failure.compareAndSet(null, e);
                  }
                }
              },
              "handshake-" + i);
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(s.name() + ": a handshake failed", failure.get());
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private SaslHandshake handshake(Scenario s, SSLSocketFactory tls) {
    return new SaslHandshake(
        new InetSocketAddress("127.0.0.1", s.port()),
        s.tls() ? tls : null,
        s.mechanism(),
        USER,
        password);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String format(List<Double> values) {
    return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
  }
}
