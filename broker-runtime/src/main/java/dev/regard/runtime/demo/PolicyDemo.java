package dev.regard.runtime.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Exercises the default policy through the runtime's generated client configurations and prints one
 * line per attempt: who, what, ALLOWED or DENIED.
 */
public final class PolicyDemo {
  static final String TOPIC = "orders.demo";
  static final String GROUP = "orders-readers";

  private final Path clients;
  private final PrintStream out;

  public PolicyDemo(Path clientsDir, PrintStream out) {
    this.clients = clientsDir;
    this.out = out;
  }

  /** Usage: {@code PolicyDemo [RUN_DIR]}; exits 0 when every outcome was the expected one. */
  public static void main(String[] args) {
    Path run = Path.of(args.length > 0 ? args[0] : "run");
    List<Attempt> attempts = new PolicyDemo(run.resolve("clients"), System.out).runAll();
    boolean asExpected = attempts.stream().allMatch(Attempt::asExpected);
    System.exit(asExpected ? 0 : 1);
  }

  /** Runs every attempt in order and returns them with their outcomes. */
  public List<Attempt> runAll() {
    List<Attempt> done = new ArrayList<>();
    done.add(attempt("admin", "create topic " + TOPIC, true, this::createTopic));
    done.add(attempt("alice", "produce to " + TOPIC, true, this::produce));
    done.add(attempt("bob", "consume " + TOPIC + " with group " + GROUP, true, this::consume));
    done.add(attempt("bob", "produce to " + TOPIC, false, this::produce));
    done.add(attempt("alice", "delete topic " + TOPIC, false, this::deleteTopic));
    done.add(attempt("mallory", "connect with a made-up password", false, this::describeCluster));
    return done;
  }

  /** One attempt and its outcome. */
  public record Attempt(
      String who, String what, boolean expectedAllowed, boolean allowed, String detail) {
    public boolean asExpected() {
      return expectedAllowed == allowed;
    }
  }

  @FunctionalInterface
  private interface Action {
    void run(Properties config) throws Exception;
  }

  private Attempt attempt(String who, String what, boolean expected, Action action) {
    boolean allowed;
    String detail;
    try {
      action.run(config(who));
      allowed = true;
      detail = "";
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (!(cause instanceof AuthorizationException || cause instanceof AuthenticationException)) {
        throw new IllegalStateException(who + " " + what + " failed unexpectedly: " + cause, cause);
      }
      allowed = false;
      detail = cause.getClass().getSimpleName();
    }
    Attempt a = new Attempt(who, what, expected, allowed, detail);
    out.printf(
        "%-8s %-45s %-8s%s%n",
        who, what, allowed ? "ALLOWED" : "DENIED", a.asExpected() ? "" : "  (unexpected)");
    return a;
  }

  private Properties config(String who) throws IOException {
    Path file = clients.resolve(who + ".properties");
    if (!Files.exists(file)) {
      // An identity the broker never heard of: alice's settings with another name and password.
      Properties p = load(clients.resolve("alice.properties"));
      p.setProperty(
          "sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
              + who
              + "\" password=\"not-a-real-password\";");
      return p;
    }
    return load(file);
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    p.setProperty("request.timeout.ms", "15000");
    p.setProperty("default.api.timeout.ms", "20000");
    return p;
  }

  private void createTopic(Properties config) throws Exception {
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private void deleteTopic(Properties config) throws Exception {
    try (Admin admin = Admin.create(config)) {
      admin.deleteTopics(List.of(TOPIC)).all().get();
    }
  }

  private void describeCluster(Properties config) throws Exception {
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().clusterId().get();
    }
  }

  private void produce(Properties config) throws Exception {
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(TOPIC, "order-1", "hello from the demo")).get();
    }
  }

  private void consume(Properties config) throws Exception {
    config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(Set.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          consumer.commitSync();
          return;
        }
      }
      throw new IllegalStateException("no record arrived within 30 s");
    }
  }
}
