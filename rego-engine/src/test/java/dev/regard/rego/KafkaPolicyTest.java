package dev.regard.rego;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.value.Json;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

/** A least-privilege authorization policy of the kind a Kafka deployment runs. */
class KafkaPolicyTest {
  private static final String POLICY =
      """
      package kafka.authz
      import rego.v1
      import data.kafka.acls

      default allow := false

      allow if is_super_user

      allow if {
        not denied
        some acl in acls[input.principal]
        acl.operation == input.operation
        acl.topic == input.topic
      }

      is_super_user if input.principal in data.kafka.super_users

      denied if input.principal in data.kafka.banned
      """;

  private final CompiledPolicy policy =
      Rego.builder()
          .builtins(TestBuiltins.registry())
          .module("authz.rego", POLICY)
          .data(
              Json.parse(
                  """
                  {"kafka": {
                    "super_users": ["admin"],
                    "banned": ["mallory"],
                    "acls": {
                      "alice": [{"operation": "Read", "topic": "orders"}],
                      "mallory": [{"operation": "Read", "topic": "orders"}]
                    }}}
                  """))
          .compile();

  private boolean allowed(String principal, String operation, String topic) {
    Value input =
        Json.parse(
            "{\"principal\":\"%s\",\"operation\":\"%s\",\"topic\":\"%s\"}"
                .formatted(principal, operation, topic));
    return policy
        .evaluate("data.kafka.authz.allow", input)
        .orElseThrow()
        .equals(Json.parse("true"));
  }

  @Test
  void decisions() {
    assertThat(allowed("alice", "Read", "orders")).isTrue();
    assertThat(allowed("alice", "Write", "orders")).isFalse();
    assertThat(allowed("alice", "Read", "payments")).isFalse();
    assertThat(allowed("admin", "Delete", "anything")).isTrue();
    assertThat(allowed("mallory", "Read", "orders")).isFalse();
    assertThat(allowed("nobody", "Read", "orders")).isFalse();
  }

  @Test
  void rulesAreListedWithLocations() {
    assertThat(policy.rules())
        .extracting(RuleInfo::ref)
        .containsOnly(
            "data.kafka.authz.allow", "data.kafka.authz.is_super_user", "data.kafka.authz.denied");
    assertThat(policy.rules().get(0).location().line()).isEqualTo(5);
  }
}
