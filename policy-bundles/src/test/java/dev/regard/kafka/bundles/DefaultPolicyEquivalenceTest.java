package dev.regard.kafka.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.Rego;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default policy answers exactly as its earlier form did, which walked every prefix for
 * idempotent writes and questions about resource types ({@code reference/authz_walk_all.rego}):
 * both decisions over a matrix of principals, resource types, names and operations, with the
 * bundle's data, with data whose entries are irregular (missing roles, names given as a string, an
 * object or a set, extra keys) and with data holding only the empty prefix. The default policy is
 * compiled as the authorizer compiles it: remembering per-principal rules across queries, so the
 * matrix also exercises that memory, and failing on builtin errors.
 */
class DefaultPolicyEquivalenceTest {
  private static final Path POLICY =
      Path.of("src/main/resources/bundles/default/kafka/authz/policy.rego");
  private static final Path REFERENCE = Path.of("src/test/resources/reference/authz_walk_all.rego");
  private static final Path DATA =
      Path.of("src/main/resources/bundles/default/kafka/authz/data.json");

  private static final String IRREGULAR =
      """
      {"admins": ["group:root"],
       "principals": {"User:zed": {"groups": ["ops"]}, "User:amy": {"groups": "ops"}},
       "topics": {
         "": {"consumers": ["User:carl"]},
         "a.": {"owners": ["User:amy"], "extra": ["User:bob"]},
         "été.": {"producers": ["User:amy"]},
         "b.": {"producers": "User:bob", "consumers": {"x": "group:ops"}},
         "c.": {"producers": ["User:carl", "group:ops"], "consumers": ["User:zed"]},
         "d.": {"owners": [], "producers": [], "consumers": []},
         "e": "not an object"},
       "consumer_groups": {"g-": {"members": ["group:ops"]}, "h-": {"members": "User:amy"},
                           "": {"members": ["User:zed"]},
                           "i-": {}},
       "transactional_ids": {"t-": {"principals": ["User:carl"]}, "u-": {"principals": {}}}}
      """;

  /** Only the empty prefix: it applies to the empty name alone. */
  private static final String EMPTY_PREFIX_ONLY =
      """
      {"admins": [],
       "topics": {"": {"owners": ["User:carl"], "producers": ["User:alice"]}},
       "consumer_groups": {"": {"members": ["User:bob"]}},
       "transactional_ids": {"": {"principals": ["User:alice"]}}}
      """;

  private static final List<String> TYPES =
      List.of("TOPIC", "GROUP", "TRANSACTIONAL_ID", "CLUSTER", "DELEGATION_TOKEN");
  private static final List<String> OPERATIONS =
      List.of(
          "READ",
          "WRITE",
          "CREATE",
          "DELETE",
          "ALTER",
          "DESCRIBE",
          "CLUSTER_ACTION",
          "DESCRIBE_CONFIGS",
          "ALTER_CONFIGS",
          "IDEMPOTENT_WRITE");
  private static final List<String> NAMES =
      List.of(
          "",
          "orders.eu",
          "orders.",
          "orders",
          "payments.x",
          "orders-readers",
          "payments-1",
          "orders-tx-1",
          "a.1",
          "b.1",
          "c.",
          "d.x",
          "e",
          "g-1",
          "h-",
          "i-2",
          "t-9",
          "u-1",
          "kafka-cluster",
          "été.log",
          "ét");
  private static final List<List<String>> PRINCIPALS =
      List.of(
          List.of("User", "alice"),
          List.of("User", "bob"),
          List.of("User", "carol"),
          List.of("User", "dave"),
          List.of("User", "erin"),
          List.of("User", "admin"),
          List.of("User", "nobody"),
          List.of("User", "amy"),
          List.of("User", "zed"),
          List.of("User", "carl"),
          List.of("Group", "alice"));
  private static final List<List<String>> GROUPS =
      List.of(List.of(), List.of("analytics"), List.of("ops", "root"), List.of("orders-team"));

  @ParameterizedTest
  @ValueSource(strings = {"bundle", "irregular", "empty-prefix-only"})
  void decisionsMatchTheWalkingPolicy(String dataSet) throws IOException {
    String data =
        switch (dataSet) {
          case "bundle" -> Files.readString(DATA, StandardCharsets.UTF_8);
          case "irregular" -> IRREGULAR;
          default -> EMPTY_PREFIX_ONLY;
        };
    CompiledPolicy current = compile(POLICY, data, true);
    CompiledPolicy reference = compile(REFERENCE, data, false);
    List<String> differences = new ArrayList<>();
    int allowed = 0;
    int decisions = 0;
    for (List<String> principal : PRINCIPALS) {
      for (List<String> groups : GROUPS) {
        for (String type : TYPES) {
          for (String operation : OPERATIONS) {
            for (String name : NAMES) {
              Value input = input(principal, groups, type, name, operation);
              for (String rule : List.of("allow", "allow_by_resource_type")) {
                Optional<Value> got = current.evaluate("data.kafka.authz." + rule, input);
                Optional<Value> want = reference.evaluate("data.kafka.authz." + rule, input);
                decisions++;
                if (!got.equals(want)) {
                  differences.add(rule + " " + input.toJson() + ": " + got + " != " + want);
                } else if (got.orElseThrow().toJson().equals("true")) {
                  allowed++;
                }
              }
            }
          }
        }
      }
    }
    assertThat(differences).isEmpty();
    // The matrix must contain both answers to compare anything.
    assertThat(allowed).isPositive().isLessThan(decisions);
  }

  private static CompiledPolicy compile(Path policy, String data, boolean asTheAuthorizer)
      throws IOException {
    Value authz = Json.parse(data, "data.json");
    Rego.Builder builder =
        Rego.builder()
            .module("policy.rego", Files.readString(policy, StandardCharsets.UTF_8))
            .data(
                ObjectValue.of(
                    StringValue.of("kafka"), ObjectValue.of(StringValue.of("authz"), authz)));
    if (asTheAuthorizer) {
      // As the authorizer compiles it by default: per-principal memory, builtin errors fail.
      builder.sessionInput("principal").strictBuiltinErrors(true);
    }
    return builder.compile();
  }

  private static Value input(
      List<String> principal, List<String> groups, String type, String name, String operation) {
    return ObjectValue.builder()
        .put(
            "principal",
            ObjectValue.builder()
                .put("type", StringValue.of(principal.get(0)))
                .put("name", StringValue.of(principal.get(1)))
                .put("groups", ArrayValue.of(groups.stream().map(StringValue::of).toList()))
                .put("roles", ArrayValue.of(new Value[0]))
                .build())
        .put("operation", StringValue.of(operation))
        .put(
            "resource",
            ObjectValue.builder()
                .put("type", StringValue.of(type))
                .put("name", StringValue.of(name))
                .put("patternType", StringValue.of(name.isEmpty() ? "ANY" : "LITERAL"))
                .build())
        .build();
  }
}
