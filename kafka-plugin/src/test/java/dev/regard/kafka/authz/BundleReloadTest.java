package dev.regard.kafka.authz;

import static dev.regard.kafka.bundle.BundleFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.bundle.BundleFixtures;
import dev.regard.kafka.bundle.BundleHttpServer;
import dev.regard.kafka.bundle.GitRepo;
import dev.regard.kafka.engine.EmbeddedEngine;
import dev.regard.testing.BundleSigner;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine follows its bundle source: a new git commit or a new bundle on the HTTP
 * bundle server changes decisions; a broken one (bad Rego, bad data, bad signature, a non-boolean
 * decision) leaves the previous decisions in force or denies, and never throws.
 */
class BundleReloadTest {
  @TempDir Path dir;
  private RegardAuthorizer authorizer;

  @AfterEach
  void tearDown() {
    if (authorizer != null) {
      authorizer.close();
    }
  }

  private void start(Map<String, String> config) {
    Map<String, String> all = new HashMap<>(config);
    all.put("regard.bundle.poll.interval.ms", "3600000");
    authorizer = new RegardAuthorizer();
    authorizer.configure(all);
  }

  /**
   * Polls the source now, as the watcher thread would on its next tick. The authorizer is not
   * started, so no watcher thread polls behind the test's back.
   */
  private boolean poll() {
    return ((EmbeddedEngine) authorizer.engine()).watcher().poll();
  }

  private boolean canWrite(String user) {
    return authorizer
            .authorize(
                TestRequests.context(user),
                List.of(TestRequests.topic(AclOperation.WRITE, "orders")))
            .get(0)
        == AuthorizationResult.ALLOWED;
  }

  @Test
  void gitCommitsChangeDecisionsAndBrokenCommitsDoNot() throws Exception {
    try (GitRepo repo = new GitRepo(dir)) {
      repo.commit("bundle", BundleFixtures.files("alice"), "alice writes");
      start(
          Map.of(
              "regard.bundle.source",
              "git",
              "regard.bundle.url",
              repo.url(),
              "regard.bundle.git.path",
              "bundle"));
      poll();
      assertThat(canWrite("alice")).isTrue();
      assertThat(canWrite("bob")).isFalse();

      repo.commit("bundle", BundleFixtures.files("bob"), "bob writes instead");
      assertThat(poll()).isTrue();
      assertThat(canWrite("bob")).isTrue();
      assertThat(canWrite("alice")).isFalse();

      repo.commit(
          "bundle",
          Map.of("kafka/authz/broken.rego", bytes("package kafka.authz\nallow if {\n")),
          "bad Rego");
      assertThat(poll()).isFalse();
      assertThat(canWrite("bob")).isTrue();

      repo.commit(
          "bundle", Map.of("kafka/authz/broken.rego", bytes("package kafka.authz\n")), "fixed");
      repo.commit(
          "bundle", Map.of("kafka/authz/data.json", bytes("{\"writers\": [\"carol\"")), "bad data");
      assertThat(poll()).isFalse();
      assertThat(canWrite("bob")).isTrue();
      assertThat(canWrite("carol")).isFalse();
    }
  }

  @Test
  void httpBundlesWithSignaturesChangeDecisionsAndForgeriesDoNot() throws Exception {
    BundleSigner signer = new BundleSigner();
    try (BundleHttpServer server = new BundleHttpServer()) {
      server.publish(signer.sign(BundleFixtures.files("alice")));
      start(
          Map.of(
              "regard.bundle.source", "http",
              "regard.bundle.url", server.url().toString(),
              "regard.bundle.verification.key", signer.publicKeyPem()));
      poll();
      assertThat(canWrite("alice")).isTrue();

      Map<String, byte[]> forged = signer.sign(BundleFixtures.files("alice"));
      forged.put("kafka/authz/data.json", bytes("{\"writers\":[\"alice\",\"mallory\"]}"));
      server.publish(forged);
      assertThat(poll()).isFalse();
      assertThat(canWrite("mallory")).isFalse();

      server.publish(signer.sign(BundleFixtures.files("alice", "mallory")));
      assertThat(poll()).isTrue();
      assertThat(canWrite("mallory")).isTrue();
    }
  }

  @Test
  void failingBundleTestsKeepABundleOut() throws Exception {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put(
        "kafka/authz/policy_test.rego",
        bytes(
            "package kafka.authz_test\n\ntest_bob_writes if data.kafka.authz.allow with input as {\"principal\": {\"name\": \"bob\"}}\n"));
    dev.regard.kafka.bundle.BundleDirs.write(dir, files);
    start(Map.of("regard.bundle.path", dir.toString(), "regard.bundle.run.tests", "true"));
    assertThat(poll()).isFalse();
    assertThat(canWrite("alice")).isFalse();
  }

  @Test
  void aNonBooleanDecisionDenies() throws Exception {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put("kafka/authz/policy.rego", bytes("package kafka.authz\n\nallow := \"yes\"\n"));
    dev.regard.kafka.bundle.BundleDirs.write(dir, files);
    start(Map.of("regard.bundle.path", dir.toString()));
    assertThat(poll()).isTrue();
    assertThat(canWrite("alice")).isFalse();
  }

  @Test
  void anEvaluationOverItsStepBudgetDenies() throws Exception {
    Map<String, byte[]> files = BundleFixtures.files("alice");
    files.put(
        "kafka/authz/policy.rego",
        bytes(
            "package kafka.authz\n\nallow if {\n  count([x | some x in numbers.range(1, 1000000)]) > 0\n}\n"));
    dev.regard.kafka.bundle.BundleDirs.write(dir, files);
    start(Map.of("regard.bundle.path", dir.toString(), "regard.eval.max.steps", "1000"));
    assertThat(poll()).isTrue();
    assertThat(canWrite("alice")).isFalse();
  }
}
