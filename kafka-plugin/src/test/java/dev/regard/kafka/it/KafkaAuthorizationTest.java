package dev.regard.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.kafka.authz.RegardAuthorizer;
import dev.regard.testing.KraftCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Kafka clients against a real KRaft broker and controller, both authorizing through Regard,
 * under a least-privilege policy: alice produces to orders.* (idempotently, and in transactions
 * with ids orders-tx*), bob consumes orders.* in group orders-readers, carol owns orders.* (create,
 * delete, configs), mallory may do nothing. Subclasses choose where decisions are made.
 */
abstract class KafkaAuthorizationTest {
  private static final String LISTENER = "EXTERNAL";
  @TempDir static Path dir;
  static KraftCluster cluster;

  /**
   * Starts one node, broker and controller, with the Regard authorizer on both roles and SASL/PLAIN
   * on both listeners. Identities: plain-admin (the node's own principal, a super user), alice,
   * bob, carol and mallory, each with password "&lt;name&gt;-secret". Creates the shared topics.
   */
  static void startCluster(Map<String, String> authorizerConfig) throws Exception {
    KraftCluster.Builder builder =
        KraftCluster.builder(dir)
            .listener(LISTENER, "SASL_PLAINTEXT", "PLAIN")
            .internalUser("plain-admin", "plain-admin-secret")
            .set("authorizer.class.name", RegardAuthorizer.class.getName())
            .set(authorizerConfig);
    for (String user : List.of("alice", "bob", "carol", "mallory")) {
      builder.plainUser(user, user + "-secret");
    }
    cluster = builder.start();
    try (Admin admin = admin("plain-admin")) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("orders.eu", 1, (short) 1), new NewTopic("payments", 1, (short) 1)))
          .all()
          .get();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Properties client(String user) {
    return KraftCluster.properties(cluster.client(LISTENER, "PLAIN", user, user + "-secret"));
  }

  private static Admin admin(String user) {
    return cluster.plain(LISTENER, user, user + "-secret");
  }

  private KafkaProducer<String, String> producer(String user, Map<String, Object> extra) {
    Properties props = client(user);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    props.putAll(extra);
    return new KafkaProducer<>(props);
  }

  private static Throwable cause(Throwable t) {
    return t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
  }

  @Test
  void produceIsAllowedOnlyToTheProducersTopics() throws Exception {
    try (KafkaProducer<String, String> alice = producer("alice", Map.of())) {
      assertThat(alice.send(new ProducerRecord<>("orders.eu", "k", "v")).get().topic())
          .isEqualTo("orders.eu");
      assertThatThrownBy(() -> alice.send(new ProducerRecord<>("payments", "k", "v")).get())
          .satisfies(e -> assertThat(cause(e)).isInstanceOf(TopicAuthorizationException.class));
    }
    try (KafkaProducer<String, String> mallory = producer("mallory", Map.of())) {
      assertThatThrownBy(() -> mallory.send(new ProducerRecord<>("orders.eu", "k", "v")).get())
          .satisfies(e -> assertThat(cause(e)).isInstanceOf(TopicAuthorizationException.class));
    }
  }

  @Test
  void idempotentAndTransactionalProducersWork() throws Exception {
    try (KafkaProducer<String, String> idempotent =
        producer(
            "alice",
            Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all"))) {
      assertThat(
              idempotent.send(new ProducerRecord<>("orders.eu", "k", "idempotent")).get().offset())
          .isNotNegative();
    }
    try (KafkaProducer<String, String> tx =
        producer(
            "alice",
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "orders-tx-1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"))) {
      tx.initTransactions();
      tx.beginTransaction();
      tx.send(new ProducerRecord<>("orders.eu", "k", "in a transaction"));
      tx.commitTransaction();
    }
    try (KafkaProducer<String, String> foreign =
        producer(
            "alice",
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "payments-tx-1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"))) {
      assertThatThrownBy(foreign::initTransactions)
          .isInstanceOf(TransactionalIdAuthorizationException.class);
    }
  }

  private KafkaConsumer<String, String> consumer(String user, String group) {
    Properties props = client(user);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  @Test
  void consumingWithAGroupIsAllowedOnlyForTheConsumersGroup() throws Exception {
    try (KafkaProducer<String, String> alice = producer("alice", Map.of())) {
      alice.send(new ProducerRecord<>("orders.eu", "k", "for bob")).get();
    }
    try (KafkaConsumer<String, String> bob = consumer("bob", "orders-readers")) {
      bob.subscribe(List.of("orders.eu"));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!values.contains("for bob") && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : bob.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
      assertThat(values).contains("for bob");
      bob.commitSync();
    }
    try (KafkaConsumer<String, String> bob = consumer("bob", "someone-elses-group")) {
      bob.subscribe(List.of("orders.eu"));
      assertThatThrownBy(() -> bob.poll(Duration.ofSeconds(10)))
          .isInstanceOf(GroupAuthorizationException.class);
    }
    try (KafkaConsumer<String, String> bob = consumer("bob", "orders-readers")) {
      bob.assign(List.of(new TopicPartition("payments", 0)));
      assertThatThrownBy(() -> bob.poll(Duration.ofSeconds(10)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void topicCreationIsDecidedOnTheController() throws Exception {
    try (Admin carol = admin("carol")) {
      carol.createTopics(List.of(new NewTopic("orders.us", 1, (short) 1))).all().get();
    }
    try (Admin alice = admin("alice")) {
      assertThatThrownBy(
              () ->
                  alice
                      .createTopics(List.of(new NewTopic("orders.asia", 1, (short) 1)))
                      .all()
                      .get())
          .satisfies(e -> assertThat(cause(e)).isInstanceOf(TopicAuthorizationException.class));
    }
    try (Admin admin = admin("plain-admin")) {
      assertThat(admin.listTopics().names().get())
          .contains("orders.us")
          .doesNotContain("orders.asia");
    }
  }

  @Test
  void describeShowsOnlyAuthorizedTopics() throws Exception {
    try (Admin alice = admin("alice")) {
      assertThat(alice.listTopics().names().get()).contains("orders.eu").doesNotContain("payments");
      assertThat(alice.describeTopics(List.of("orders.eu")).allTopicNames().get())
          .containsKey("orders.eu");
      assertThatThrownBy(() -> alice.describeTopics(List.of("payments")).allTopicNames().get())
          .satisfies(e -> assertThat(cause(e)).isInstanceOf(TopicAuthorizationException.class));
    }
  }

  @Test
  void deleteRecordsAndAlterConfigsAreForTheOwner() throws Exception {
    TopicPartition partition = new TopicPartition("orders.eu", 0);
    try (Admin carol = admin("carol")) {
      carol.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(0))).all().get();
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "orders.eu");
      carol
          .incrementalAlterConfigs(
              Map.of(
                  topic,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET))))
          .all()
          .get();
    }
    try (Admin alice = admin("alice")) {
      assertThatThrownBy(
              () ->
                  alice
                      .deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(0)))
                      .all()
                      .get())
          .satisfies(e -> assertThat(cause(e)).isInstanceOf(TopicAuthorizationException.class));
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "orders.eu");
      assertThatThrownBy(
              () ->
                  alice
                      .incrementalAlterConfigs(
                          Map.of(
                              topic,
                              List.of(
                                  new AlterConfigOp(
                                      new ConfigEntry("retention.ms", "1"),
                                      AlterConfigOp.OpType.SET))))
                      .all()
                      .get())
          .satisfies(
              e ->
                  assertThat(cause(e))
                      .isInstanceOf(
                          org.apache.kafka.common.errors.TopicAuthorizationException.class));
    }
  }

  @Test
  void aclRequestsAreAnsweredWithTheReasonAclsAreNotUsed() {
    try (Admin admin = admin("plain-admin")) {
      AclBinding binding =
          new AclBinding(
              new ResourcePattern(ResourceType.TOPIC, "orders.eu", PatternType.LITERAL),
              new AccessControlEntry(
                  "User:mallory", "*", AclOperation.READ, AclPermissionType.ALLOW));
      assertThatThrownBy(() -> admin.createAcls(List.of(binding)).all().get())
          .hasMessageContaining("ACLs are managed as policy in the bundle");
    }
  }

  @Test
  void metricsReachTheBrokersRegistryForBothRoles() throws Exception {
    try (KafkaProducer<String, String> alice = producer("alice", Map.of())) {
      alice.send(new ProducerRecord<>("orders.eu", "k", "counted")).get();
    }
    javax.management.MBeanServer jmx =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
    List<javax.management.ObjectName> names =
        jmx.queryNames(null, null).stream()
            .filter(n -> n.toString().contains("RegardAuthorizer"))
            .toList();
    assertThat(names).extracting(n -> n.getKeyProperty("role")).contains("broker", "controller");
    double allowed = 0;
    for (javax.management.ObjectName name : names) {
      if ("broker".equals(name.getKeyProperty("role"))) {
        allowed += (Double) jmx.getAttribute(name, "decisions-allowed-total");
      }
    }
    assertThat(allowed).isPositive();
  }
}
