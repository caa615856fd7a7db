package dev.regard.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A load and soak run against the broker runtime: producers (alice) and consumers (bob) work for a
 * fixed time while, optionally, the policy bundle is rewritten every few seconds with an equivalent
 * policy of a new revision. Counts every failed request that is not an intended denial, and every
 * decision that differs from the policy's (alice denied, or bob allowed to produce), samples the
 * broker's open files and live heap, and reports throughput and latency percentiles.
 *
 * <pre>
 * LoadTest --run-dir=run [--producers=4] [--consumers=2] [--duration-s=180] [--record-bytes=512]
 *          [--bundle-dir=run/bundle --swap-ms=3000] [--broker-pid=PID] [--acls]
 * </pre>
 *
 * {@code --acls} first creates, as the super user {@code broker}, the ACLs equivalent to the
 * default policy, for a comparison run with Kafka's StandardAuthorizer. Exits 0 when nothing failed
 * and every decision was the policy's.
 */
public final class LoadTest {
  static final String TOPIC = "orders.load";
  static final String GROUP = "orders-readers";

  private final Map<String, String> options;
  private final Path run;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong consumed = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong wrongDenials = new AtomicLong();
  private final AtomicLong wrongAllows = new AtomicLong();
  private final AtomicLong intendedDenials = new AtomicLong();
  private final AtomicLong swaps = new AtomicLong();
  private final List<String> failureSamples = new CopyOnWriteArrayList<>();
  private final List<Latencies> latencies = new CopyOnWriteArrayList<>();

  LoadTest(Map<String, String> options) {
    this.options = options;
    this.run = Path.of(options.getOrDefault("run-dir", "run"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      options.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    System.exit(new LoadTest(options).execute(System.out) ? 0 : 1);
  }

  boolean execute(PrintStream out) throws Exception {
    int producers = intOption("producers", 4);
    int consumers = intOption("consumers", 2);
    long durationS = intOption("duration-s", 180);
    byte[] payload = new byte[intOption("record-bytes", 512)];
    prepare(producers);

    List<Thread> threads = new ArrayList<>();
    List<KafkaConsumer<byte[], byte[]>> consumerClients = new CopyOnWriteArrayList<>();
    for (int i = 0; i < producers; i++) {
      threads.add(start("producer-" + i, () -> produce(payload)));
    }
    for (int i = 0; i < consumers; i++) {
      threads.add(start("consumer-" + i, () -> consume(consumerClients)));
    }
    threads.add(start("denied-probe", this::probeDenied));
    if (options.containsKey("bundle-dir")) {
      Path manifest = Path.of(options.get("bundle-dir")).resolve(".manifest");
      long every = intOption("swap-ms", 3000);
      threads.add(start("swapper", () -> swap(manifest, every)));
    }

    BrokerSampler sampler =
        options.containsKey("broker-pid")
            ? new BrokerSampler(Long.parseLong(options.get("broker-pid")))
            : null;
    List<BrokerSampler.Sample> samples = new ArrayList<>();
    long start = System.nanoTime();
    long sampleEvery = Math.max(10, durationS / 6);
    for (long t = 0; t < durationS; t += sampleEvery) {
      if (sampler != null) {
        samples.add(sampler.sample(t));
      }
      Thread.sleep(Math.min(sampleEvery, durationS - t) * 1000);
    }
    running.set(false);
    consumerClients.forEach(KafkaConsumer::wakeup);
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (sampler != null) {
      samples.add(sampler.sample(Math.round(seconds)));
    }
    report(out, producers, consumers, seconds, payload.length, samples);
    return failures.get() == 0 && wrongDenials.get() == 0 && wrongAllows.get() == 0;
  }

  /** Creates the topic, and with --acls the ACLs that match the default policy, as the broker. */
  private void prepare(int partitions) throws Exception {
    try (Admin admin = Admin.create(superUser())) {
      try {
        admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      if (options.containsKey("acls")) {
        admin.createAcls(equivalentAcls()).all().get();
      }
    }
  }

  /** The default bundle's rules for this run as ACLs: alice writes, bob reads orders.*. */
  static List<AclBinding> equivalentAcls() {
    ResourcePattern topics =
        new ResourcePattern(ResourceType.TOPIC, "orders.", PatternType.PREFIXED);
    ResourcePattern groups =
        new ResourcePattern(ResourceType.GROUP, "orders-readers", PatternType.LITERAL);
    return List.of(
        allow(topics, "User:alice", AclOperation.WRITE),
        allow(topics, "User:alice", AclOperation.DESCRIBE),
        allow(topics, "User:bob", AclOperation.READ),
        allow(topics, "User:bob", AclOperation.DESCRIBE),
        allow(groups, "User:bob", AclOperation.READ),
        allow(groups, "User:bob", AclOperation.DESCRIBE));
  }

  private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation op) {
    return new AclBinding(
        pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  private void produce(byte[] payload) {
    Latencies mine = new Latencies();
    latencies.add(mine);
    Properties config = client("alice");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      while (running.get()) {
        long t0 = System.nanoTime();
        try {
          producer.send(new ProducerRecord<>(TOPIC, payload)).get();
          mine.record((System.nanoTime() - t0) / 1000);
          produced.incrementAndGet();
        } catch (ExecutionException e) {
          fail(e.getCause() instanceof AuthorizationException ? wrongDenials : failures, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(failures, e);
    }
  }

  private void consume(List<KafkaConsumer<byte[], byte[]>> clients) {
    Properties config = client("bob");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      clients.add(consumer);
      consumer.subscribe(List.of(TOPIC));
      while (running.get()) {
        consumed.addAndGet(consumer.poll(Duration.ofMillis(500)).count());
      }
    } catch (WakeupException e) {
      // The end of the run.
    } catch (AuthorizationException e) {
      fail(wrongDenials, e);
    } catch (RuntimeException e) {
      fail(failures, e);
    }
  }

  /** Twice a second bob tries to produce, which the policy denies; an allow is a wrong decision. */
  private void probeDenied() {
    Properties config = client("bob");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      while (running.get()) {
        try {
          producer.send(new ProducerRecord<>(TOPIC, new byte[] {1})).get();
          fail(wrongAllows, new IllegalStateException("bob's produce was allowed"));
        } catch (ExecutionException e) {
          if (e.getCause() instanceof AuthorizationException) {
            intendedDenials.incrementAndGet();
          } else {
            fail(failures, e);
          }
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(failures, e);
    }
  }

  /**
   * Rewrites the bundle's manifest in place with a new revision: the same policy and data, a new
   * bundle. In place on purpose, so the broker may see a half-written file.
   */
  private void swap(Path manifest, long everyMs) {
    try {
      String original = Files.readString(manifest, StandardCharsets.UTF_8);
      while (running.get()) {
        Thread.sleep(everyMs);
        long n = swaps.incrementAndGet();
        String next =
            original.replaceFirst(
                "\"revision\"\\s*:\\s*\"[^\"]*\"", "\"revision\": \"load-" + n + "\"");
        Files.writeString(manifest, next, StandardCharsets.UTF_8);
      }
      Files.writeString(manifest, original, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      fail(failures, e);
    }
  }

  private void fail(AtomicLong counter, Throwable e) {
    counter.incrementAndGet();
    if (failureSamples.size() < 10) {
      failureSamples.add(Thread.currentThread().getName() + ": " + e);
    }
  }

  private void report(
      PrintStream out,
      int producers,
      int consumers,
      double seconds,
      int recordBytes,
      List<BrokerSampler.Sample> samples) {
    Latencies all = Latencies.merge(latencies);
    out.printf(
        "producers=%d consumers=%d duration=%.0fs record=%dB bundle swaps=%d%n",
        producers, consumers, seconds, recordBytes, swaps.get());
    out.printf(
        "produced=%d (%.0f records/s) consumed=%d (%.0f records/s)%n",
        produced.get(), produced.get() / seconds, consumed.get(), consumed.get() / seconds);
    out.printf(
        "produce latency ms (acks=all, one record per request): p50=%.2f p95=%.2f p99=%.2f"
            + " p99.9=%.2f max=%.2f%n",
        all.quantile(0.50) / 1e3,
        all.quantile(0.95) / 1e3,
        all.quantile(0.99) / 1e3,
        all.quantile(0.999) / 1e3,
        all.quantile(1.0) / 1e3);
    out.printf(
        "failed requests=%d wrong denials=%d wrong allows=%d intended denials=%d%n",
        failures.get(), wrongDenials.get(), wrongAllows.get(), intendedDenials.get());
    failureSamples.forEach(f -> out.println("  " + f));
    for (BrokerSampler.Sample s : samples) {
      out.printf(
          "broker at %4ds: open files=%d live heap=%d KiB%n",
          s.atSeconds(), s.openFiles(), s.liveHeapKiB());
    }
  }

  private static Thread start(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.start();
    return t;
  }

  private int intOption(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  private Properties client(String user) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(run.resolve("clients/" + user + ".properties"))) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the client configuration of " + user, e);
    }
    return p;
  }

  /** The broker's own identity, a super user, from the runtime's generated secrets. */
  private Properties superUser() throws IOException {
    Properties secrets = new Properties();
    try (InputStream in = Files.newInputStream(run.resolve("secrets/secrets.properties"))) {
      secrets.load(in);
    }
    Properties p = client("admin");
    p.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\""
            + " password=\""
            + secrets.getProperty("user.broker.password")
            + "\";");
    return p;
  }
}
