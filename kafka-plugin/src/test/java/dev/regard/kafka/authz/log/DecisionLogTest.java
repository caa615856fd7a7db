package dev.regard.kafka.authz.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authz.TestRequests;
import dev.regard.kafka.authz.input.RequestFacts;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.time.Instant;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
  private static final RequestFacts FACTS =
      RequestFacts.of(
          TestRequests.context("alice"), TestRequests.topic(AclOperation.READ, "orders"));

  @Test
  void oneJsonLineWithWhoWhatOutcomeRevisionLatencyAndCacheHit() {
    String line =
        DecisionLog.line(
            new DecisionLog.Entry(
                Instant.parse("2026-01-02T03:04:05Z"),
                FACTS,
                false,
                "data.kafka.authz.allow is undefined",
                "rev-1",
                12_345_000,
                true));
    assertThat(line).doesNotContain("\n");
    ObjectValue parsed = (ObjectValue) Json.parse(line);
    assertThat(Json.write(parsed.get("time"))).isEqualTo("\"2026-01-02T03:04:05Z\"");
    assertThat(Json.write(parsed.get("principal"))).contains("\"name\":\"alice\"");
    assertThat(Json.write(parsed.get("clientAddress"))).isEqualTo("\"127.0.0.1\"");
    assertThat(Json.write(parsed.get("listener"))).isEqualTo("\"SASL_PLAINTEXT\"");
    assertThat(Json.write(parsed.get("operation"))).isEqualTo("\"READ\"");
    assertThat(Json.write(parsed.get("resource")))
        .isEqualTo("{\"name\":\"orders\",\"patternType\":\"LITERAL\",\"type\":\"TOPIC\"}");
    assertThat(Json.write(parsed.get("result"))).isEqualTo("\"DENIED\"");
    assertThat(Json.write(parsed.get("revision"))).isEqualTo("\"rev-1\"");
    assertThat(Json.write(parsed.get("latencyMicros"))).isEqualTo("12345");
    assertThat(Json.write(parsed.get("cacheHit"))).isEqualTo("true");
    assertThat(Json.write(parsed.get("reason"))).contains("undefined");
  }

  @Test
  void deniesAreAlwaysLoggedAndAllowsBySampleRate() {
    assertThat(new DecisionLog(0.0).sampled(false)).isTrue();
    assertThat(new DecisionLog(0.0).sampled(true)).isFalse();
    assertThat(new DecisionLog(1.0).sampled(true)).isTrue();
    DecisionLog half = new DecisionLog(0.5);
    int logged = 0;
    for (int i = 0; i < 10_000; i++) {
      logged += half.sampled(true) ? 1 : 0;
    }
    assertThat(logged).isBetween(4_000, 6_000);
  }
}
