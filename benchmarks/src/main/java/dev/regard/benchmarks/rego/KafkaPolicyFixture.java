package dev.regard.benchmarks.rego;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.Rego;
import dev.regard.rego.types.Schemas;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark workload: a ~50-rule Kafka authorization policy and data naming 1,000 principals in
 * 200 teams and 1,000 topic prefixes, each with owners, producers and consumers.
 */
public final class KafkaPolicyFixture {
  public static final String MODULE_PATH = "kafka_authz.rego";
  public static final String DECISION = "data.kafka.authz.allow";
  public static final int PRINCIPALS = 1_000;
  public static final int TEAMS = 200;
  public static final int PREFIXES = 1_000;

  /** The input schema shipped in the default bundle, which the policy names in its METADATA. */
  private static final Schemas SCHEMAS =
      Schemas.of(Map.of("authz_input", resource("bundles/default/schemas/authz_input.json")));

  private KafkaPolicyFixture() {}

  public static String policySource() {
    return resource("rego/kafka_authz.rego");
  }

  private static String resource(String name) {
    try (InputStream in = KafkaPolicyFixture.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Value data() {
    Map<String, Object> principals = new LinkedHashMap<>();
    for (int i = 0; i < PRINCIPALS; i++) {
      principals.put("user-" + i, Map.of("groups", List.of(team(i % TEAMS), "staff")));
    }
    Map<String, Object> topics = new LinkedHashMap<>();
    Map<String, Object> groups = new LinkedHashMap<>();
    Map<String, Object> transactionalIds = new LinkedHashMap<>();
    for (int p = 0; p < PREFIXES; p++) {
      String owner = team(p % TEAMS);
      String consumer = team((p + 1) % TEAMS);
      topics.put(
          prefix(p),
          Map.of(
              "owners", List.of(owner),
              "producers", List.of(owner, "user-" + (p % PRINCIPALS)),
              "consumers", List.of(consumer),
              "public", p % 10 == 0));
      groups.put(prefix(p), Map.of("members", List.of(consumer), "owners", List.of(owner)));
      transactionalIds.put(prefix(p), Map.of("producers", List.of(owner)));
    }
    List<String> producers = new ArrayList<>();
    for (int i = 0; i < PRINCIPALS; i += 2) {
      producers.add("user-" + i);
    }
    Map<String, Object> kafka = new LinkedHashMap<>();
    kafka.put("principals", principals);
    kafka.put("topics", topics);
    kafka.put("groups", groups);
    kafka.put("transactional_ids", transactionalIds);
    kafka.put("producer_principals", producers);
    kafka.put("admins", List.of("platform-admins"));
    kafka.put("super_users", List.of("broker"));
    kafka.put("blocked_principals", List.of("user-13"));
    kafka.put("plaintext_listeners", List.of("INTERNAL"));
    return Json.fromJava(Map.of("kafka", kafka));
  }

  /** Compiles and type-checks the policy against the authorizer's input schema. */
  public static CompiledPolicy compile(Value data) {
    return Rego.builder().module(MODULE_PATH, policySource()).data(data).schemas(SCHEMAS).compile();
  }

  /** user-3 in team-3 writing to a topic of prefix team-3's: allowed as an owner. */
  public static Value allowedProduce() {
    return input("user-3", "WRITE", "TOPIC", prefix(3) + ".orders");
  }

  /** user-3 deleting a topic of another team: denied after every rule is tried. */
  public static Value deniedDelete() {
    return input("user-3", "DELETE", "TOPIC", prefix(500) + ".payments");
  }

  /** The input document opa-kafka-plugin sends, for one action. */
  public static Value input(String principal, String operation, String type, String name) {
    return Json.fromJava(
        Map.of(
            "action",
            Map.of(
                "operation",
                operation,
                "resourcePattern",
                Map.of("resourceType", type, "name", name, "patternType", "LITERAL")),
            "requestContext",
            Map.of(
                "principal",
                Map.of("principalType", "User", "name", principal),
                "clientAddress",
                "/10.0.0.7",
                "listenerName",
                "SASL_SSL",
                "securityProtocol",
                "SASL_SSL")));
  }

  private static String team(int i) {
    return "team-" + i;
  }

  private static String prefix(int p) {
    return "team-" + p;
  }
}
