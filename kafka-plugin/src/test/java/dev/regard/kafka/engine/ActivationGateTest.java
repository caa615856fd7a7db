package dev.regard.kafka.engine;

import static dev.regard.kafka.bundle.BundleFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.kafka.bundle.BundleDirs;
import dev.regard.kafka.bundle.BundleFixtures;
import dev.regard.kafka.bundle.BundleWatcher;
import dev.regard.kafka.bundle.DirectoryBundleSource;
import dev.regard.kafka.credentials.CredentialEntries;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.RegoException;
import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import dev.regard.testing.LogLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activation gate on a real watcher over a bundle directory: a revision that fails a step never
 * replaces the one in force, is counted, and is logged once with the failing step.
 */
class ActivationGateTest {
  private static final ActivationGate GATE = new ActivationGate(EvalLimits.DEFAULT, true, true);

  @TempDir Path dir;

  private BundleWatcher<CompiledPolicy> watcher() {
    return new BundleWatcher<>(
        new DirectoryBundleSource(dir, 1 << 20),
        BundleReader.create(),
        GATE,
        Duration.ofHours(1),
        Clock.systemUTC());
  }

  @Test
  void removingTheDataThePolicyReadsKeepsTheLastGoodRevisionWithOneClearLogLine() throws Exception {
    BundleDirs.write(dir, BundleFixtures.files("alice"));
    try (LogLines log = new LogLines(BundleWatcher.class.getName(), Level.WARN);
        BundleWatcher<CompiledPolicy> watcher = watcher()) {
      assertThat(watcher.poll()).isTrue();
      String good = watcher.current().orElseThrow().revision();

      Files.delete(dir.resolve("kafka/authz/data.json"));
      assertThat(watcher.poll()).isFalse();
      assertThat(watcher.poll()).isFalse();
      assertThat(watcher.failures()).isEqualTo(1);
      assertThat(watcher.current().orElseThrow().revision()).isEqualTo(good);
      assertThat(log.lines())
          .singleElement()
          .asString()
          .contains("kafka/authz/policy.rego:5")
          .contains("data.kafka.authz.writers is read by the policy but the bundle holds no such")
          .contains("revision " + good + " stays in force");
    }
  }

  @Test
  void aRevisionRefusedOnEveryFetchIsCountedEachTimeButLoggedOnce() throws Exception {
    try (LogLines log = new LogLines(BundleWatcher.class.getName(), Level.WARN);
        BundleWatcher<CompiledPolicy> watcher =
            new BundleWatcher<>(
                new DirectoryBundleSource(dir.resolve("absent"), 1 << 20),
                BundleReader.create(),
                GATE,
                Duration.ofHours(1),
                Clock.systemUTC())) {
      assertThat(watcher.poll()).isFalse();
      assertThat(watcher.poll()).isFalse();
      assertThat(watcher.failures()).isEqualTo(2);
      assertThat(log.lines()).singleElement().asString().contains("absent");
    }
  }

  @Test
  void dataDefinedByARuleOrReadOnlyByTestsIsNotRequired() {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.remove("kafka/authz/data.json");
    files.put("kafka/authz/writers.rego", bytes("package kafka.authz\n\nwriters := {\"alice\"}\n"));
    files.put(
        "kafka/authz/policy.rego",
        bytes("package kafka.authz\n\ndefault allow := false\n\nallow if input.p in writers\n"));
    files.put(
        "kafka/authz/policy_test.rego",
        bytes("package kafka.authz\n\ntest_mock if not data.kafka.mocks.none\n"));
    GATE.admit(BundleReader.create().read(files, "test"));
  }

  @Test
  void aFailingBundleTestIsNamedAndRefusesTheBundle() {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put(
        "kafka/authz/policy_test.rego",
        bytes(
            "package kafka.authz\n\n"
                + "test_bob_writes if allow with input as {\"principal\": {\"name\": \"bob\"}}\n"));
    assertThatThrownBy(() -> GATE.admit(BundleReader.create().read(files, "test")))
        .hasMessageContaining("1 of 1 bundle tests failed")
        .hasMessageContaining("data.kafka.authz.test_bob_writes (kafka/authz/policy_test.rego:3)");
    new ActivationGate(EvalLimits.DEFAULT, true, false)
        .admit(BundleReader.create().read(files, "test"));
  }

  @Test
  void aPolicyThatMisreadsItsDeclaredInputSchemaIsRefused() throws Exception {
    Path schemas =
        Path.of(
            "..", "policy-bundles", "src", "main", "resources", "bundles", "default", "schemas");
    Map<String, byte[]> files = new java.util.HashMap<>();
    files.put("schemas/authz_input.json", Files.readAllBytes(schemas.resolve("authz_input.json")));
    files.put(
        "kafka/authz/policy.rego",
        bytes(
            "# METADATA\n# schemas:\n#   - input: schema.authz_input\npackage kafka.authz\n\n"
                + "default allow := false\n\n"
                + "allow if input.principal.name + 1 > 3\n"));
    assertThatThrownBy(() -> GATE.admit(BundleReader.create().read(files, "test")))
        .hasMessageContaining("the policy does not compile")
        .hasMessageContaining("kafka/authz/policy.rego:8")
        .hasMessageContaining("rego_type_error");
  }

  @Test
  void aPlaintextPasswordKeepsTheBundleInForce() throws Exception {
    Path credentials = dir.resolve("kafka/credentials");
    Files.createDirectories(credentials);
    Files.writeString(
        dir.resolve("policy.rego"), "package kafka.authn\n\ndefault allow := false\n");
    ObjectValue alice = CredentialEntries.of("pw".toCharArray(), 10_000, 4096, new SecureRandom());
    Files.writeString(
        credentials.resolve("data.json"),
        Json.write(ObjectValue.builder().put("alice", alice).build()));
    try (BundleWatcher<CompiledPolicy> watcher = watcher()) {
      assertThat(watcher.poll()).isTrue();
      String good = watcher.current().orElseThrow().revision();
      Files.writeString(credentials.resolve("data.json"), "{\"alice\": {\"password\": \"pw\"}}");
      assertThat(watcher.poll()).isFalse();
      assertThat(watcher.failures()).isEqualTo(1);
      assertThat(watcher.current().orElseThrow().revision()).isEqualTo(good);
    }
  }

  /** The trap of a negated condition over a failing builtin. */
  private static final String TRAP =
      "package kafka.authz\n\n"
          + "default allow := false\n\n"
          + "allow if {\n"
          + "  startswith(input.resource.name, \"trap.\")\n"
          + "  not blocked\n"
          + "}\n\n"
          + "blocked if to_number(input.client.id) > 0\n";

  @Test
  void strictBuiltinErrorsFailTheEvaluationWhereLenientOnesLetTheNegationHold() {
    var bundle = BundleReader.create().read(Map.of("kafka/authz/trap.rego", bytes(TRAP)), "test");
    Value input =
        Json.parse("{\"resource\": {\"name\": \"trap.one\"}, \"client\": {\"id\": \"x\"}}");

    CompiledPolicy strict = GATE.admit(bundle);
    assertThatThrownBy(() -> strict.evaluate("data.kafka.authz.allow", input))
        .isInstanceOf(RegoException.class)
        .hasMessageContaining("to_number");

    CompiledPolicy lenient = new ActivationGate(EvalLimits.DEFAULT, false, true).admit(bundle);
    assertThat(lenient.evaluate("data.kafka.authz.allow", input))
        .isEqualTo(Optional.of(BooleanValue.TRUE));
  }
}
