package dev.regard.benchmarks.load;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A logged-in producer's latency while wrong PLAIN passwords flood the broker runtime, against
 * windows without the flood. The producer (alice, with the runtime's client settings) sends one
 * record at a time and waits for it, all the time; windows without and with the flood alternate
 * {@code --rounds} times, so drift in a noisy machine affects both alike. In a flood window {@code
 * --workers} clients open connections to the runtime's SASL_SSL listener and log in with PLAIN and
 * a wrong password, over and over, for alice and for made-up users, at most {@code --attempts} in
 * all per window. The flood connects from {@code --flood-from} (127.0.0.2 by default; Linux routes
 * all of 127/8 to loopback), the producer from the usual loopback address, so the broker sees two
 * sources as it would see an attacker and a client on two machines; an empty value floods from the
 * producer's address. Reports, per window and as medians over rounds, p50, p99 and the slowest
 * request, and how many flood attempts got a TLS session and how many the broker ended before one
 * (its connection rate limit per address).
 *
 * <pre>
 * PlainFlood --run-dir=run [--workers=16] [--seconds=20] [--rounds=3] [--attempts=2000]
 *            [--warmup-s=10] [--flood-from=127.0.0.2]
 * </pre>
 */
public final class PlainFlood {
  static final String TOPIC = "orders.flood";

  private final LoadOptions options;
  private final RunDirectory run;

  PlainFlood(LoadOptions options) {
    this.options = options;
    this.run = new RunDirectory(Path.of(options.get("run-dir", "run")));
  }

  public static void main(String[] args) throws Exception {
    System.exit(new PlainFlood(LoadOptions.parse(args)).execute(System.out) ? 0 : 1);
  }

  /**
   * One window's producer latencies (microseconds) and the flood's attempts in it: those that got a
   * TLS session (and were refused their login) and those the broker ended before one.
   */
  record Window(
      boolean flood, long p50, long p99, long max, long requests, long sessions, long noSession) {}

  /** Where the flood connects to and from. */
  private record Target(InetSocketAddress broker, InetAddress source, SSLSocketFactory tls) {}

  boolean execute(PrintStream out) throws Exception {
    int workers = options.integer("workers", 16);
    long windowMs = options.integer("seconds", 20) * 1000L;
    int rounds = options.integer("rounds", 3);
    int attempts = options.integer("attempts", 2000);
    createTopic();
    String from = options.get("flood-from", "127.0.0.2");
    InetAddress source = from.isEmpty() ? null : InetAddress.getByName(from);
    String[] bootstrap = run.client("alice").getProperty("bootstrap.servers").split(":");
    // The broker's address in the source's family: a flood from 127.0.0.2 cannot reach ::1.
    InetAddress host =
        Arrays.stream(InetAddress.getAllByName(bootstrap[0]))
            .filter(a -> source == null || a.getClass() == source.getClass())
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException(bootstrap[0] + " has no address like " + from));
    Target target =
        new Target(
            new InetSocketAddress(host, Integer.parseInt(bootstrap[1])), source, run.trust());

    Properties config = run.client("alice");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    List<Window> windows = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      measure(producer, options.integer("warmup-s", 10) * 1000L, target, 0, 0);
      for (int round = 0; round < rounds; round++) {
        windows.add(measure(producer, windowMs, target, 0, 0));
        windows.add(measure(producer, windowMs, target, workers, attempts));
      }
    }
    out.printf(
        "producer alice (SCRAM-SHA-512, SASL_SSL), one record at a time; flood from %s: %d workers,"
            + " PLAIN with wrong passwords, at most %d attempts per %d s window%n",
        source == null ? "the producer's address" : source.getHostAddress(),
        workers,
        attempts,
        windowMs / 1000);
    for (Window w : windows) {
      out.printf(
          "%-8s p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  %5d requests  %5d wrong logins with a"
              + " TLS session  %5d ended before one%n",
          w.flood() ? "flood" : "baseline",
          w.p50() / 1000.0,
          w.p99() / 1000.0,
          w.max() / 1000.0,
          w.requests(),
          w.sessions(),
          w.noSession());
    }
    double baseP99 = median(windows, false, Window::p99);
    double floodP99 = median(windows, true, Window::p99);
    out.printf(
        "median of %d rounds: baseline p50 %.1f ms p99 %.1f ms; flood p50 %.1f ms p99 %.1f ms;"
            + " flood p99 / baseline p99 = %.2f%n",
        rounds,
        median(windows, false, Window::p50) / 1000.0,
        baseP99 / 1000.0,
        median(windows, true, Window::p50) / 1000.0,
        floodP99 / 1000.0,
        floodP99 / baseP99);
    out.printf(
        "flood attempts per window (median): %.0f with a TLS session, %.0f ended before one%n",
        median(windows, true, Window::sessions), median(windows, true, Window::noSession));
    return true;
  }

  private Window measure(
      KafkaProducer<byte[], byte[]> producer,
      long millis,
      Target target,
      int workers,
      int maxAttempts)
      throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong attempts = new AtomicLong();
    AtomicLong sessions = new AtomicLong();
    AtomicLong noSession = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      int worker = i;
      Thread t =
          new Thread(
              () -> {
                for (long n = 0; running.get() && attempts.incrementAndGet() <= maxAttempts; n++) {
                  // Half the guesses aim at a real user, half at made-up ones.
                  String user = n % 2 == 0 ? "alice" : "nobody-" + worker + "-" + n;
                  char[] guess = ("guess-" + worker + "-" + n).toCharArray();
                  try {
                    new SaslHandshake(
                            target.broker(), target.source(), target.tls(), "PLAIN", user, guess)
                        .run();
                    sessions.incrementAndGet();
                  } catch (SaslHandshake.NoSession throttled) {
                    noSession.incrementAndGet();
                  } catch (Exception refused) {
                    // A refused login is what the flood gets.
                    sessions.incrementAndGet();
                  }
                }
              },
              "flood-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    Latencies latencies = new Latencies();
    byte[] payload = new byte[512];
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      producer.send(new ProducerRecord<>(TOPIC, payload)).get();
      latencies.record((System.nanoTime() - start) / 1000);
    }
    running.set(false);
    for (Thread t : threads) {
      t.join(30_000);
    }
    Latencies sorted = Latencies.merge(List.of(latencies));
    return new Window(
        workers > 0,
        sorted.quantile(0.5),
        sorted.quantile(0.99),
        sorted.quantile(1.0),
        sorted.count(),
        sessions.get(),
        noSession.get());
  }

  private void createTopic() throws Exception {
    try (Admin admin = Admin.create(run.superUser())) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private static double median(
      List<Window> windows, boolean flood, java.util.function.ToLongFunction<Window> figure) {
    double[] values =
        windows.stream()
            .filter(w -> w.flood() == flood)
            .mapToLong(figure)
            .sorted()
            .asDoubleStream()
            .toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}
