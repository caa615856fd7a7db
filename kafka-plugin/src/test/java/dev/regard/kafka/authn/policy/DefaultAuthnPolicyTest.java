package dev.regard.kafka.authn.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.bundle.Bundle;
import dev.regard.kafka.engine.EmbeddedEngine;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.RuleInfo;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the default bundle's authentication policy tests ({@code kafka/authn/*_test.rego}) the way
 * the bundle watcher does before a bundle comes into force.
 */
class DefaultAuthnPolicyTest {
  static final Path AUTHN =
      Path.of(
          "..",
          "policy-bundles",
          "src",
          "main",
          "resources",
          "bundles",
          "default",
          "kafka",
          "authn");

  static Bundle defaultAuthnBundle() throws Exception {
    ObjectValue data = (ObjectValue) Json.parse(Files.readString(AUTHN.resolve("data.json")));
    return new Bundle(
        "test",
        "",
        List.of(""),
        Map.of(
            "kafka/authn/authn.rego", Files.readString(AUTHN.resolve("authn.rego")),
            "kafka/authn/authn_test.rego", Files.readString(AUTHN.resolve("authn_test.rego"))),
        ObjectValue.builder()
            .put("kafka", ObjectValue.builder().put("authn", data).build())
            .build());
  }

  @Test
  void everyPolicyTestPasses() throws Exception {
    CompiledPolicy policy = EmbeddedEngine.compile(defaultAuthnBundle(), EvalLimits.DEFAULT, true);
    List<String> tests =
        policy.rules().stream()
            .map(RuleInfo::ref)
            .filter(r -> r.contains(".test_"))
            .distinct()
            .toList();
    assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
  }
}
