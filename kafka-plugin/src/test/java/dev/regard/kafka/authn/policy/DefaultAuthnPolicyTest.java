package dev.regard.kafka.authn.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.engine.ActivationGate;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.RuleInfo;
import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleReader;
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

  /** The default bundle's authentication part, read by rego-engine's bundle reader. */
  static Bundle defaultAuthnBundle() throws Exception {
    return BundleReader.create()
        .read(
            Map.of(
                "kafka/authn/authn.rego", Files.readAllBytes(AUTHN.resolve("authn.rego")),
                "kafka/authn/authn_test.rego", Files.readAllBytes(AUTHN.resolve("authn_test.rego")),
                "kafka/authn/data.json", Files.readAllBytes(AUTHN.resolve("data.json"))),
            "default bundle");
  }

  @Test
  void everyPolicyTestPasses() throws Exception {
    CompiledPolicy policy =
        new ActivationGate(EvalLimits.DEFAULT, true, true).admit(defaultAuthnBundle());
    List<String> tests =
        policy.rules().stream()
            .map(RuleInfo::ref)
            .filter(r -> r.contains(".test_"))
            .distinct()
            .toList();
    assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
  }
}
