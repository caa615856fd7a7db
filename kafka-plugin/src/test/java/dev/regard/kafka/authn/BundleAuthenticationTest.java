package dev.regard.kafka.authn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.credentials.CredentialEntries;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.testing.KraftCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine end to end: a real broker reads a policy bundle directory holding the default
 * authentication policy and the credentials, and picks up bundle updates while it runs.
 */
class BundleAuthenticationTest {
  private static final Path DEFAULT_AUTHN =
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

  private static final Map<String, String> ALL =
      Map.of(
          "admin", AuthnCluster.ADMIN_PASSWORD, "alice", "alice-secret", "carol", "carol-secret");

  @TempDir static Path dir;
  private static Path bundle;
  private static KraftCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    bundle = Files.createDirectories(dir.resolve("bundle"));
    Path authn = Files.createDirectories(bundle.resolve("kafka/authn"));
    Files.copy(DEFAULT_AUTHN.resolve("authn.rego"), authn.resolve("authn.rego"));
    Files.writeString(
        authn.resolve("data.json"),
        "{\"listeners\": {"
            + "\"EXTERNAL\": {\"mechanisms\": [\"PLAIN\", \"SCRAM-SHA-512\", \"OAUTHBEARER\"]},"
            + "\"INSECURE\": {\"mechanisms\": [\"PLAIN\", \"SCRAM-SHA-512\"]},"
            + "\"CONTROLLER\": {\"mechanisms\": [\"SCRAM-SHA-512\"]}},"
            + " \"revoked_users\": []}");
    Path authz = Files.createDirectories(bundle.resolve("kafka/authz"));
    Files.writeString(
        authz.resolve("policy.rego"),
        "package kafka.authz\n\ndefault allow := false\n\ndefault allow_by_resource_type := false\n");
    writeCredentials(ALL);
    cluster =
        AuthnCluster.start(
            dir,
            Map.of(
                "regard.bundle.source", "dir",
                "regard.bundle.path", bundle.toString(),
                "regard.bundle.poll.interval.ms", "200",
                "regard.authn.oauth.issuer", "https://idp.test",
                "regard.authn.oauth.audience", "kafka"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static void writeCredentials(Map<String, String> passwords) throws Exception {
    ObjectValue.Builder users = ObjectValue.builder();
    SecureRandom random = new SecureRandom();
    passwords.forEach(
        (user, password) ->
            users.put(user, CredentialEntries.of(password.toCharArray(), 10_000, 4096, random)));
    write(Json.write(users.build()));
  }

  private static void write(String credentialsJson) throws Exception {
    Path credentials = Files.createDirectories(bundle.resolve("kafka/credentials"));
    Path staged = credentials.resolve("data.json.tmp");
    Files.writeString(staged, credentialsJson);
    Files.move(
        staged, credentials.resolve("data.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void theDefaultPolicyAdmitsPlainOverTlsOnlyAndABundleUpdateRevokesAUser() throws Exception {
    writeCredentials(ALL);
    assertThat(eventually("alice", false)).isNull();
    // Without TLS the handler refuses PLAIN before the policy (which would refuse it too) is asked.
    double refused = AuthnMetrics.count("PLAIN", "cleartext");
    try (Admin admin = cluster.plain(AuthnCluster.INSECURE, "alice", "alice-secret")) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
    }
    assertThat(AuthnMetrics.count("PLAIN", "cleartext")).isGreaterThan(refused);

    writeCredentials(Map.of("admin", AuthnCluster.ADMIN_PASSWORD, "carol", "carol-secret"));
    assertThat(eventually("alice", true)).isInstanceOf(SaslAuthenticationException.class);
    writeCredentials(ALL);
  }

  /** A user's PLAIN login over TLS, retried until it fails (or succeeds) or 30 seconds pass. */
  private static Throwable eventually(String user, boolean failing) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Throwable outcome;
    do {
      try (Admin admin = cluster.plain(AuthnCluster.EXTERNAL, user, user + "-secret")) {
        outcome = failure(admin);
      }
    } while ((outcome == null) == failing && Instant.now().isBefore(deadline));
    return outcome;
  }

  @Test
  void aBundleWithAPlaintextPasswordIsRejectedAndTheOneInForceStays() throws Exception {
    double failures = BundleFailures.total();
    write("{\"carol\": {\"password\": \"carol-secret\"}, \"admin\": {\"password\": \"x\"}}");
    // A poll met the bundle and refused it: the operator's failure counter moved.
    assertThat(BundleFailures.awaitAbove(failures)).isGreaterThan(failures);
    try (Admin admin = cluster.scram(AuthnCluster.EXTERNAL, "carol", "carol-secret")) {
      assertThat(failure(admin)).isNull();
    }
    writeCredentials(ALL);
  }

  private static Throwable failure(Admin admin) {
    try {
      admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }
}
