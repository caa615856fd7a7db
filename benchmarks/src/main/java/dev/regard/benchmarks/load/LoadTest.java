package dev.regard.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * broker's open files and live heap, and reports throughput, latency percentiles, the broker's CPU
 * time per record (and its JIT compilers' and collectors' part of it) and the consumers' fetch
 * requests per record. The clients work through a warm-up first (connections, JIT) that is not
 * counted: at least {@code --warmup-s}, then until the broker's JIT compilers use less than {@code
 * --jit-settled-pct} of its CPU, for at most {@code --max-warmup-s}. The broker's heap is sampled
 * before and after the measured window, and every {@code --heap-every-s} within it.
 *
 * <pre>
 * LoadTest --run-dir=run [--producers=4] [--consumers=2] [--warmup-s=30] [--max-warmup-s=180]
 *          [--jit-settled-pct=2] [--duration-s=180] [--record-bytes=512] [--heap-every-s=0]
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

  private final LoadOptions options;
  private final RunDirectory run;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile boolean measuring;
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong consumed = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong wrongDenials = new AtomicLong();
  private final AtomicLong wrongAllows = new AtomicLong();
  private final AtomicLong intendedDenials = new AtomicLong();
  private final AtomicLong swaps = new AtomicLong();
  private final List<String> failureSamples = new CopyOnWriteArrayList<>();
  private final List<Latencies> latencies = new CopyOnWriteArrayList<>();
  private final ClientCounters fetches =
      new ClientCounters("consumer-fetch-manager-metrics", "fetch-total");

  LoadTest(LoadOptions options) {
    this.options = options;
    this.run = new RunDirectory(Path.of(options.get("run-dir", "run")));
  }

  public static void main(String[] args) throws Exception {
    System.exit(new LoadTest(LoadOptions.parse(args)).execute(System.out) ? 0 : 1);
  }

  boolean execute(PrintStream out) throws Exception {
    int producers = options.integer("producers", 4);
    int consumers = options.integer("consumers", 2);
    long warmupS = options.integer("warmup-s", 30);
    long maxWarmupS = Math.max(warmupS, options.integer("max-warmup-s", 180));
    double settledPct = options.integer("jit-settled-pct", 2);
    long durationS = options.integer("duration-s", 180);
    long heapEveryS = options.integer("heap-every-s", 0);
    byte[] payload = new byte[options.integer("record-bytes", 512)];
    prepare(producers);

    long loadStart = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    List<KafkaConsumer<byte[], byte[]>> consumerClients = new CopyOnWriteArrayList<>();
    for (int i = 0; i < producers; i++) {
      threads.add(start("producer-" + i, () -> produce(payload)));
    }
    for (int i = 0; i < consumers; i++) {
      threads.add(start("consumer-" + i, () -> consume(consumerClients)));
    }
    threads.add(start("denied-probe", this::probeDenied));
    if (options.has("bundle-dir")) {
      Path manifest = Path.of(options.get("bundle-dir", "")).resolve(".manifest");
      long every = options.integer("swap-ms", 3000);
      threads.add(start("swapper", () -> swap(manifest, every)));
    }

    BrokerSampler sampler =
        options.has("broker-pid")
            ? new BrokerSampler(Long.parseLong(options.get("broker-pid", "")))
            : null;
    List<BrokerSampler.Sample> samples = new ArrayList<>();
    // Heap samples force a full collection in the broker (after which the collector resizes the
    // heap), so they are taken away from the window whose CPU is counted: after the least
    // warm-up, while the JIT settles, and after the window; within it only with --heap-every-s
    // (a soak, where the trend matters more than CPU). Their times count from the load's start.
    Thread.sleep(warmupS * 1000);
    if (sampler != null) {
      samples.add(sampler.sample(secondsSince(loadStart)));
    }
    settle(sampler, maxWarmupS - secondsSince(loadStart), settledPct);
    long warmedS = secondsSince(loadStart);
    BrokerSampler.Cpu cpuAtStart = sampler == null ? null : sampler.cpu();
    double fetchesAtStart = fetches.total();
    double machineAtStart = MachineCpu.busySeconds();
    double ownAtStart = MachineCpu.ownSeconds();
    long start = System.nanoTime();
    measuring = true;
    long step = heapEveryS > 0 && sampler != null ? heapEveryS : durationS;
    for (long t = 0; t < durationS; t += step) {
      if (t > 0) {
        samples.add(sampler.sample(secondsSince(loadStart)));
      }
      Thread.sleep(Math.min(step, durationS - t) * 1000);
    }
    measuring = false;
    double seconds = (System.nanoTime() - start) / 1e9;
    BrokerSampler.Cpu brokerCpu = sampler == null ? null : sampler.cpu().minus(cpuAtStart);
    double fetchCount = fetches.total() - fetchesAtStart;
    double others =
        MachineCpu.busySeconds()
            - machineAtStart
            - (MachineCpu.ownSeconds() - ownAtStart)
            - (brokerCpu == null ? 0 : brokerCpu.total());
    if (sampler != null) {
      samples.add(sampler.sample(secondsSince(loadStart)));
    }
    running.set(false);
    consumerClients.forEach(KafkaConsumer::wakeup);
    for (Thread t : threads) {
      t.join();
    }
    out.printf("warm-up=%ds%n", warmedS);
    // What other processes on the machine took during the window: a run beside a busy neighbour
    // gets fewer records per second and, sharing caches and cores, more CPU per record.
    if (brokerCpu != null) {
      out.printf("other processes' CPU in the window=%.2f cores%n", others / seconds);
    }
    report(out, producers, consumers, seconds, brokerCpu, fetchCount, payload.length, samples);
    return failures.get() == 0 && wrongDenials.get() == 0 && wrongAllows.get() == 0;
  }

  /**
   * Waits until the broker's JIT compilers have settled: less than {@code settledPct} per cent of
   * the broker's CPU time in each of two successive 5-s intervals, for at most {@code maxS}.
   * Compiling a broker's hot paths takes over a minute of CPU on a small machine; CPU a compiler
   * spends in the measured window is CPU not spent on records, and code still interpreted or at a
   * lower tier costs more per record, so without this the broker's CPU per record measured how far
   * compilation had got.
   */
  private static void settle(BrokerSampler sampler, long maxS, double settledPct)
      throws InterruptedException {
    if (sampler == null) {
      return;
    }
    int quiet = 0;
    BrokerSampler.Cpu before = sampler.cpu();
    for (long waited = 0; quiet < 2 && waited < maxS; waited += 5) {
      Thread.sleep(5000);
      BrokerSampler.Cpu now = sampler.cpu();
      BrokerSampler.Cpu d = now.minus(before);
      quiet = d.total() > 0 && d.jit() * 100 < settledPct * d.total() ? quiet + 1 : 0;
      before = now;
    }
  }

  private static long secondsSince(long nanoTime) {
    return Math.round((System.nanoTime() - nanoTime) / 1e9);
  }

  /** Creates the topic, and with --acls the ACLs that match the default policy, as the broker. */
  private void prepare(int partitions) throws Exception {
    try (Admin admin = Admin.create(run.superUser())) {
      try {
        admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      if (options.has("acls")) {
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
    Properties config = run.client("alice");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      while (running.get()) {
        long t0 = System.nanoTime();
        try {
          producer.send(new ProducerRecord<>(TOPIC, payload)).get();
          if (measuring) {
            mine.record((System.nanoTime() - t0) / 1000);
            produced.incrementAndGet();
          }
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
    Properties config = run.client("bob");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      clients.add(consumer);
      fetches.add(consumer::metrics);
      consumer.subscribe(List.of(TOPIC));
      while (running.get()) {
        int count = consumer.poll(Duration.ofMillis(500)).count();
        if (measuring) {
          consumed.addAndGet(count);
        }
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
    Properties config = run.client("bob");
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
      BrokerSampler.Cpu brokerCpu,
      double fetchCount,
      int recordBytes,
      List<BrokerSampler.Sample> samples) {
    Latencies all = Latencies.merge(latencies);
    out.printf(
        "producers=%d consumers=%d duration=%.0fs record=%dB bundle swaps=%d%n",
        producers, consumers, seconds, recordBytes, swaps.get());
    out.printf(
        "produced=%d (%.0f records/s) consumed=%d (%.0f records/s)%n",
        produced.get(), produced.get() / seconds, consumed.get(), consumed.get() / seconds);
    long n = Math.max(1, produced.get());
    if (brokerCpu != null && brokerCpu.total() >= 0) {
      out.printf(
          "broker CPU %.1f s (%.1f µs per record produced; of which JIT %.1f µs, GC %.1f µs)%n",
          brokerCpu.total(),
          brokerCpu.total() * 1e6 / n,
          brokerCpu.jit() * 1e6 / n,
          brokerCpu.gc() * 1e6 / n);
    }
    out.printf(
        "consumer fetch requests=%.0f (%.3f per record produced)%n", fetchCount, fetchCount / n);
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
          "broker at %4ds of the load: open files=%d live heap=%d KiB%n",
          s.atSeconds(), s.openFiles(), s.liveHeapKiB());
    }
  }

  private static Thread start(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.start();
    return t;
  }
}
