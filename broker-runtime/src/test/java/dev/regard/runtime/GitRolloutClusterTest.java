package dev.regard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.testing.KraftCluster;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers and a quorum of three controllers, in this JVM, every node loading the default
 * bundle from one git repository: a commit reaches every broker within the poll interval, a
 * restarted broker comes back on the newest commit, and an unreachable repository leaves every
 * broker on the last good bundle.
 *
 * <p>Each broker is checked on its own: the topic has one partition per broker, led by that broker,
 * so a produce request to partition {@code i} is authorized by broker {@code i} alone.
 */
class GitRolloutClusterTest {
  private static final String LISTENER = "EXTERNAL";
  private static final String TOPIC = "orders.fleet";
  private static final long POLL_MS = 1_000;
  // The poll interval, plus a fetch and compile on a busy two-core machine.
  private static final Duration PROPAGATION_BOUND = Duration.ofMillis(POLL_MS * 10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void aCommitReachesEveryBrokerAndAnUnreachableRepositoryKeepsTheLastGoodBundle()
      throws Exception {
    Path repo = tmp.resolve("policies");
    DefaultBundle.extract(repo);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      commit(git, "the default bundle");
      try (KraftCluster cluster = fleet(tmp.resolve("fleet"), 3, gitSettings(repo))) {
        Map<Integer, Integer> partitionOf = createTopicWithOnePartitionPerBroker(cluster);
        for (int partition : partitionOf.values()) {
          assertThat(produce(cluster, "alice", partition)).isTrue();
          assertThat(produce(cluster, "bob", partition)).isFalse();
        }

        // The policy change: bob may now produce to orders.* as well.
        addProducer(repo.resolve("kafka/authz/data.json"), "orders.", "User:bob");
        commit(git, "bob produces to orders.*");
        long committed = System.nanoTime();
        for (var broker : partitionOf.entrySet()) {
          assertThat(eventuallyAllowed(cluster, "bob", broker.getValue(), committed))
              .as("bob's produce on broker %d after the commit", broker.getKey())
              .isTrue();
        }

        int restarted = partitionOf.keySet().iterator().next();
        cluster.restart(restarted);
        assertThat(produce(cluster, "bob", partitionOf.get(restarted)))
            .as("bob's produce on restarted broker %d", restarted)
            .isTrue();

        // The repository disappears; every broker keeps deciding with the last good bundle.
        double failuresBefore = bundleLoadFailures();
        Files.move(repo, tmp.resolve("policies-gone"));
        Thread.sleep(POLL_MS * 3);
        assertThat(bundleLoadFailures())
            .as("failed fetches counted while the repository is away")
            .isGreaterThan(failuresBefore);
        for (int partition : partitionOf.values()) {
          assertThat(produce(cluster, "bob", partition)).isTrue();
          assertThat(produce(cluster, "alice", partition)).isTrue();
          assertThat(produce(cluster, "mallory", partition)).isFalse();
        }
      }
    }
  }

  private static Map<String, String> gitSettings(Path repo) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("authorizer.class.name", BrokerProperties.AUTHORIZER_CLASS);
    settings.putAll(
        new BundleSource("git", repo.toUri().toString(), "main", null).settings(POLL_MS));
    // The rollout grants bob what the default bundle's own tests say he lacks; a real change would
    // update those tests in the same commit. The activation gate's tests are covered elsewhere.
    settings.put("regard.bundle.run.tests", "false");
    return settings;
  }

  /** Creates the topic with partition i led by the i-th broker; returns broker id to partition. */
  private static Map<Integer, Integer> createTopicWithOnePartitionPerBroker(KraftCluster cluster)
      throws Exception {
    Map<Integer, Integer> partitionOf = new LinkedHashMap<>();
    Map<Integer, List<Integer>> assignment = new HashMap<>();
    for (int brokerId : cluster.brokerIds()) {
      int partition = partitionOf.size();
      partitionOf.put(brokerId, partition);
      assignment.put(partition, List.of(brokerId));
    }
    try (Admin admin = Admin.create(client(cluster, "plain-admin"))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, assignment))).all().get();
    }
    return partitionOf;
  }

  private static boolean eventuallyAllowed(
      KraftCluster cluster, String user, int partition, long since) throws Exception {
    while (System.nanoTime() - since < PROPAGATION_BOUND.toNanos()) {
      if (produce(cluster, user, partition)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** True when the record was written, false when the broker denied it. */
  private static boolean produce(KraftCluster cluster, String user, int partition)
      throws Exception {
    Properties config = client(cluster, user);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    config.put(ProducerConfig.ACKS_CONFIG, "1");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(TOPIC, partition, user, "order")).get();
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicAuthorizationException) {
        return false;
      }
      throw e;
    }
  }

  /**
   * A quorum of three controllers and {@code brokers} brokers, all with the same authorizer
   * settings, on SASL_PLAINTEXT with PLAIN identities: plain-admin (the cluster's own principal, a
   * super user), alice, bob and mallory, each with password "&lt;name&gt;-secret".
   */
  private static KraftCluster fleet(Path dir, int brokers, Map<String, String> settings)
      throws Exception {
    return KraftCluster.builder(dir)
        .split(3, brokers)
        .listener(LISTENER, "SASL_PLAINTEXT", "PLAIN")
        .internalUser("plain-admin", "plain-admin-secret")
        .plainUser("alice", "alice-secret")
        .plainUser("bob", "bob-secret")
        .plainUser("mallory", "mallory-secret")
        // A broker that has not seen a new topic yet makes producers wait instead of answering
        // with a denied auto-creation.
        .set("auto.create.topics.enable", "false")
        .set(settings)
        .start();
  }

  private static Properties client(KraftCluster cluster, String user) {
    Properties props =
        KraftCluster.properties(cluster.client(LISTENER, "PLAIN", user, user + "-secret"));
    props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    return props;
  }

  /**
   * The authorizers' {@code bundle-load-failures-total}, summed over the nodes whose plugin metrics
   * are visible in this JVM's MBean server.
   */
  private static double bundleLoadFailures() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> names = server.queryNames(new ObjectName("kafka.server:type=plugins,*"), null);
    double total = 0;
    int seen = 0;
    for (ObjectName name : names) {
      try {
        total += ((Number) server.getAttribute(name, "bundle-load-failures-total")).doubleValue();
        seen++;
      } catch (AttributeNotFoundException e) {
        // Another plugin's metrics.
      }
    }
    assertThat(seen).as("authorizer metrics in JMX: %s", names).isPositive();
    return total;
  }

  private static void addProducer(Path dataJson, String topicPrefix, String principal)
      throws Exception {
    ObjectNode data = (ObjectNode) JSON.readTree(dataJson.toFile());
    ArrayNode producers =
        data.withObjectProperty("topics")
            .withObjectProperty(topicPrefix)
            .withArrayProperty("producers");
    producers.add(principal);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dataJson.toFile(), data);
  }

  private static void commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit()
        .setMessage(message)
        .setAuthor("Policy Author", "policies@example.org")
        .setCommitter("Policy Author", "policies@example.org")
        .call();
  }
}
