package dev.regard.rego.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.EvalOptions;
import dev.regard.rego.QueryResult;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoException;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Terms with at most one value are computed directly, and data references are resolved at compile
 * time; both only while no {@code with} replaces data. Replacing an unrelated part of data
 * therefore runs the same policy the general way, which must give the same values and charge the
 * same number of steps.
 */
class DirectEvaluationTest {
  private static final String POLICY =
      """
      package t
      import rego.v1

      default allow := false
      allow if {
        not deny
        granted
      }
      deny if name in data.blocked
      granted if {
        is_user
        count(groups) > 1
        some g in groups
        g == "ops"
      }
      granted if {
        some g in groups
        g == "admin"
      }
      name := input.user.name
      is_user if input.user.kind == "user"
      groups contains g if some g in data.users[name].groups
      groups contains "everyone"
      tier := data.tiers[1]
      label := data.labels[1]
      first_group := data.users[name].groups[0]
      missing := data.users.nobody.groups[0]
      pfx(s) := p if {
        parts := split(s, ".")
        count(parts) > 1
        p := parts[0]
      }
      pfx(s) := "" if not contains(s, ".")
      prefix := pfx(input.resource)
      owner := data.owners[prefix]
      next := y if {
        y := input.n + 1
        y > 2
      }
      has_ops if "ops" in groups
      ops := {"read", "write"}
      can_read if "read" in ops
      obj[k] := v if some k, v in {"a": 1, "b": 2}
      b_value := obj.b
      """;

  private static final Value DATA =
      Json.parse(
          """
          {"blocked": ["mallory"],
           "users": {"alice": {"groups": ["ops", "dev"]}, "bob": {"groups": ["admin"]}},
           "tiers": ["gold", "silver"],
           "labels": {"1": "one"},
           "owners": {"team": "alice"},
           "zzz": 0}
          """);

  private static final CompiledPolicy POLICY_COMPILED =
      Rego.builder().module("t.rego", POLICY).data(DATA).compile();

  private static Value input(String user) {
    return Json.parse(
        "{\"user\": {\"name\": \""
            + user
            + "\", \"kind\": \"user\"}, \"resource\": \"team.orders\", \"n\": 2}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "allow",
        "deny",
        "granted",
        "groups",
        "tier",
        "label",
        "first_group",
        "missing",
        "prefix",
        "owner",
        "next",
        "can_read",
        "b_value"
      })
  void directAndGeneralEvaluationAgree(String rule) {
    for (String user : List.of("alice", "bob", "mallory")) {
      String direct = "x := data.t." + rule;
      String general = direct + " with data.zzz as 1";
      assertThat(values(direct, user)).isEqualTo(values(general, user));
      assertThat(stepsNeeded(direct, user)).isEqualTo(stepsNeeded(general, user));
    }
  }

  @Test
  void membershipInAPartialSetAgrees() {
    // Under `with data` the set is computed whole instead of tested for the one element, which
    // charges other steps by design; the values agree.
    for (String user : List.of("alice", "bob", "mallory")) {
      String direct = "x := data.t.has_ops";
      assertThat(values(direct, user)).isEqualTo(values(direct + " with data.zzz as 1", user));
    }
    assertThat(POLICY_COMPILED.evaluate("data.t.has_ops", input("alice")))
        .contains(Json.parse("true"));
    assertThat(POLICY_COMPILED.evaluate("data.t.has_ops", input("bob"))).isEmpty();
  }

  @Test
  void expectedDecisions() {
    assertThat(POLICY_COMPILED.evaluate("data.t.allow", input("alice")))
        .contains(Json.parse("true"));
    assertThat(POLICY_COMPILED.evaluate("data.t.allow", input("bob"))).contains(Json.parse("true"));
    assertThat(POLICY_COMPILED.evaluate("data.t.allow", input("mallory")))
        .contains(Json.parse("false"));
    assertThat(POLICY_COMPILED.evaluate("data.t.label", null)).contains(Json.parse("\"one\""));
    assertThat(POLICY_COMPILED.evaluate("data.t.tier", null)).contains(Json.parse("\"silver\""));
    assertThat(POLICY_COMPILED.evaluate("data.t.owner", input("alice")))
        .contains(Json.parse("\"alice\""));
    assertThat(POLICY_COMPILED.evaluate("data.t.missing", null)).isEmpty();
  }

  @Test
  void stepBudgetStillStopsDirectEvaluation() {
    EvalOptions tight = new EvalOptions(null, new EvalLimits(Duration.ofMinutes(1), 5), null);
    assertThatThrownBy(() -> POLICY_COMPILED.evaluate("data.t.allow", input("alice"), tight))
        .isInstanceOf(RegoException.class)
        .hasMessageContaining("step limit");
  }

  private static List<Map<String, Value>> values(String query, String user) {
    return POLICY_COMPILED.query(query, input(user)).bindings();
  }

  /**
   * The smallest step budget under which the query completes, each try on a freshly compiled
   * policy: documents remembered from earlier queries cost no steps (see MemoTest).
   */
  private static long stepsNeeded(String query, String user) {
    long low = 1;
    long high = 100_000;
    while (low < high) {
      long mid = (low + high) / 2;
      if (completes(query, user, mid)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  private static boolean completes(String query, String user, long maxSteps) {
    EvalOptions options =
        new EvalOptions(null, new EvalLimits(Duration.ofMinutes(1), maxSteps), null);
    try {
      QueryResult unused =
          Rego.builder()
              .module("t.rego", POLICY)
              .data(DATA)
              .compile()
              .query(query, input(user), options);
      return true;
    } catch (RegoException e) {
      if (!e.getMessage().contains("step limit")) {
        throw e;
      }
      return false;
    }
  }
}
