package dev.regard.benchmarks.rego;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark measures real decisions: check that the workload decides what it claims. */
class KafkaPolicyFixtureTest {
  private static CompiledPolicy policy;

  @BeforeAll
  static void compile() {
    policy = KafkaPolicyFixture.compile(KafkaPolicyFixture.data());
  }

  private static Value decide(Value input) {
    return policy.evaluate(KafkaPolicyFixture.DECISION, input).orElseThrow();
  }

  @Test
  void ownersProduceAndOthersCannotDelete() {
    assertThat(decide(KafkaPolicyFixture.allowedProduce())).isEqualTo(BooleanValue.TRUE);
    assertThat(decide(KafkaPolicyFixture.deniedDelete())).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void consumersReadTheNextTeamsTopicsOnly() {
    // team-4 consumes prefix team-3; user-4 is in team-4.
    assertThat(decide(KafkaPolicyFixture.input("user-4", "READ", "TOPIC", "team-3.orders")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(decide(KafkaPolicyFixture.input("user-4", "WRITE", "TOPIC", "team-3.orders")))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void blockedPrincipalsAndUnknownPrefixesAreDenied() {
    assertThat(decide(KafkaPolicyFixture.input("user-13", "WRITE", "TOPIC", "team-13.x")))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(decide(KafkaPolicyFixture.input("user-3", "READ", "TOPIC", "nodots")))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void superUsersAndIdempotentProducers() {
    assertThat(decide(KafkaPolicyFixture.input("broker", "DELETE", "TOPIC", "team-9.y")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(
            decide(
                KafkaPolicyFixture.input("user-2", "IDEMPOTENT_WRITE", "CLUSTER", "kafka-cluster")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(
            decide(
                KafkaPolicyFixture.input("user-3", "IDEMPOTENT_WRITE", "CLUSTER", "kafka-cluster")))
        .isEqualTo(BooleanValue.FALSE);
  }
}
