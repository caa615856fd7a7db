package dev.regard.benchmarks.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
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
 * {@code --rounds} times, so drift in a noisy machine affects both alike. In a flood window a
 * {@link WrongPasswordFlood} process (a JVM of its own, started once, so that the flood's threads
 * and garbage collections do not pause the producer) has {@code --workers} clients open connections
 * to the runtime's SASL_SSL listener and log in with PLAIN and a wrong password, over and over, for
 * alice and for made-up users, at most {@code --attempts} in all per window. The flood connects
 * from {@code --flood-from} (127.0.0.2 by default; Linux routes all of 127/8 to loopback), the
 * producer from the usual loopback address, so the broker sees two sources as it would see an
 * attacker and a client on two machines; an empty value floods from the producer's address.
 * Reports, per window and as medians over rounds, p50, p99 and the slowest request, and how many
 * flood attempts got a TLS session and how many the broker ended before one (its connection rate
 * limit per address).
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

  boolean execute(PrintStream out) throws Exception {
    int workers = options.integer("workers", 16);
    long windowMs = options.integer("seconds", 20) * 1000L;
    int rounds = options.integer("rounds", 3);
    int attempts = options.integer("attempts", 2000);
    createTopic();
    String from = options.get("flood-from", "127.0.0.2");
    Properties config = run.client("alice");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    List<Window> windows = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        WrongPasswordFlood.Driver flood = new WrongPasswordFlood.Driver(options)) {
      measure(producer, options.integer("warmup-s", 10) * 1000L, null, 0);
      for (int round = 0; round < rounds; round++) {
        windows.add(measure(producer, windowMs, null, 0));
        windows.add(measure(producer, windowMs, flood, attempts));
      }
    }
    out.printf(
        "producer alice (SCRAM-SHA-512, SASL_SSL), one record at a time; flood from %s: %d workers,"
            + " PLAIN with wrong passwords, at most %d attempts per %d s window%n",
        from.isEmpty() ? "the producer's address" : from, workers, attempts, windowMs / 1000);
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
      WrongPasswordFlood.Driver flood,
      int maxAttempts)
      throws Exception {
    if (flood != null) {
      flood.start(maxAttempts);
    }
    Latencies latencies = new Latencies();
    byte[] payload = new byte[512];
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      producer.send(new ProducerRecord<>(TOPIC, payload)).get();
      latencies.record((System.nanoTime() - start) / 1000);
    }
    long[] counts = flood != null ? flood.stop() : new long[2];
    Latencies sorted = Latencies.merge(List.of(latencies));
    return new Window(
        flood != null,
        sorted.quantile(0.5),
        sorted.quantile(0.99),
        sorted.quantile(1.0),
        sorted.count(),
        counts[0],
        counts[1]);
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
