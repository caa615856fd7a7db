package dev.regard.kafka.authn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.testing.JwksServer;
import dev.regard.testing.KraftCluster;
import dev.regard.testing.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against a real KRaft cluster whose authentication is Regard's: PLAIN and SCRAM
 * checked against credentials from the policy, OAUTHBEARER tokens verified with keys from a JWKS
 * endpoint on loopback, and the authentication policy admitting or refusing each connection. The
 * policy is served over OPA's Data API by a test server on loopback.
 */
class KafkaAuthenticationTest {
  private static final RsaJsonWebKey KEY_1 = Tokens.rsaKey("key-1");
  private static final RsaJsonWebKey KEY_2 = Tokens.rsaKey("key-2");

  @TempDir static Path dir;
  private static TestPolicy policy;
  private static DataApiServer opa;
  private static JwksServer jwks;
  private static KraftCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    policy = new TestPolicy();
    policy.user("admin", AuthnCluster.ADMIN_PASSWORD, List.of());
    policy.user("alice", "alice-secret", List.of("payments"));
    policy.user("bob", "bob-secret", List.of());
    policy.user("carol", "carol-secret", List.of());
    opa = new DataApiServer(policy::answer);
    jwks = new JwksServer();
    jwks.publish(KEY_1);
    cluster =
        AuthnCluster.start(
            dir,
            Map.of(
                "regard.engine",
                "opa-server",
                "regard.opa.url",
                opa.baseUrl().toString(),
                "regard.authn.oauth.jwks.url",
                jwks.url().toString(),
                "regard.authn.oauth.jwks.allowed.urls",
                jwks.url().toString(),
                "regard.authn.oauth.jwks.min.refresh.interval.ms",
                "0",
                "regard.authn.oauth.issuer",
                Tokens.ISSUER,
                "regard.authn.oauth.audience",
                Tokens.AUDIENCE,
                "regard.authn.oauth.extensions.allowed",
                "traceId"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    jwks.close();
    opa.close();
  }

  @Test
  void plainWithTheRightPasswordOverTlsIsAdmitted() throws Exception {
    int before = policy.authnInputs.size();
    try (Admin admin = cluster.plain(AuthnCluster.EXTERNAL, "alice", "alice-secret")) {
      assertThat(failure(admin)).isNull();
    }
    ObjectValue input =
        policy.authnInputs.subList(before, policy.authnInputs.size()).stream()
            .filter(i -> TestPolicy.text(i, "user").equals("alice"))
            .findFirst()
            .orElseThrow();
    assertThat(TestPolicy.text(input, "mechanism")).isEqualTo("PLAIN");
    assertThat(TestPolicy.text(input, "listener")).isEqualTo(AuthnCluster.EXTERNAL);
    assertThat(TestPolicy.text(input, "securityProtocol")).isEqualTo("SASL_SSL");
    assertThat(TestPolicy.text((ObjectValue) input.get("client"), "address"))
        .isEqualTo("127.0.0.1");
    assertThat(TestPolicy.text((ObjectValue) input.get("tls"), "protocol")).startsWith("TLSv1.");
  }

  @Test
  void plainWithAWrongPasswordFails() throws Exception {
    double before = AuthnMetrics.count("PLAIN", "bad-credentials");
    try (Admin admin = cluster.plain(AuthnCluster.EXTERNAL, "alice", "wrong")) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
    }
    assertThat(AuthnMetrics.count("PLAIN", "bad-credentials")).isGreaterThan(before);
  }

  @Test
  void anUnknownUserFails() throws Exception {
    double before = AuthnMetrics.count("PLAIN", "unknown-user");
    try (Admin admin = cluster.plain(AuthnCluster.EXTERNAL, "nobody", "whatever")) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
    }
    assertThat(AuthnMetrics.count("PLAIN", "unknown-user")).isGreaterThan(before);
  }

  @Test
  void plainWithoutTlsIsRefusedAlikeForTheRightAndAWrongPassword() throws Exception {
    double before = AuthnMetrics.count("PLAIN", "cleartext");
    Throwable right;
    Throwable wrong;
    try (Admin admin = cluster.plain(AuthnCluster.INSECURE, "alice", "alice-secret")) {
      right = failure(admin);
    }
    try (Admin admin = cluster.plain(AuthnCluster.INSECURE, "alice", "wrong")) {
      wrong = failure(admin);
    }
    assertThat(right).isInstanceOf(SaslAuthenticationException.class);
    assertThat(wrong).isInstanceOf(SaslAuthenticationException.class);
    assertThat(right.getMessage()).isEqualTo(wrong.getMessage());
    assertThat(AuthnMetrics.count("PLAIN", "cleartext")).isEqualTo(before + 2);
  }

  @Test
  void aSignedTokenWhoseSubjectHoldsANewlineIsRefused() throws Exception {
    String forged = Tokens.sign(Tokens.claims("alice\nINFO fake", List.of()), KEY_1);
    double before = AuthnMetrics.count("OAUTHBEARER", "malformed");
    try (LogCapture log = new LogCapture("regard.authn");
        Admin admin = AuthnCluster.oauth(cluster, AuthnCluster.EXTERNAL, forged, null)) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
      assertThat(log.lines())
          .anyMatch(l -> l.contains("user=alice\\u000aINFO fake") && l.contains("U+000A"))
          .noneMatch(l -> l.contains("\n"));
    }
    assertThat(AuthnMetrics.count("OAUTHBEARER", "malformed")).isGreaterThan(before);
  }

  @Test
  void aWrongScramPasswordLeavesOneLine() throws Exception {
    try (LogCapture log = new LogCapture("regard.authn")) {
      try (Admin admin = cluster.scram(AuthnCluster.EXTERNAL, "bob", "not-bobs-either")) {
        assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
      }
      assertThat(log.lines())
          .filteredOn(l -> l.contains("user=bob "))
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .contains(
                          "mechanism=SCRAM-SHA-512",
                          "listener=EXTERNAL",
                          "outcome=bad-credentials",
                          "wrong SCRAM proof"));
    }
  }

  @Test
  void aScramUserNameOfFourThousandCharactersIsAnsweredAtOnceWithLittleLog() throws Exception {
    try (LogCapture log = new LogCapture("")) {
      long start = System.nanoTime();
      try (Admin admin = cluster.scram(AuthnCluster.INSECURE, "u".repeat(4000), "x")) {
        assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(log.lines()).noneMatch(l -> l.contains("StackOverflowError"));
      assertThat(String.join("\n", log.lines()).length()).isLessThan(4_000);
    }
  }

  @Test
  void scramSucceedsWithTheRightPasswordAndFailsWithAWrongOne() throws Exception {
    try (Admin admin = cluster.scram(AuthnCluster.INSECURE, "bob", "bob-secret")) {
      assertThat(failure(admin)).isNull();
    }
    try (Admin admin = cluster.scram(AuthnCluster.INSECURE, "bob", "not-bobs")) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
    }
    try (Admin admin = cluster.scram(AuthnCluster.EXTERNAL, "nobody", "x")) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aRevokedUserIsRefusedOnItsNextConnection() throws Exception {
    try (Admin admin = cluster.scram(AuthnCluster.EXTERNAL, "carol", "carol-secret")) {
      assertThat(failure(admin)).isNull();
    }
    policy.revoke("carol");
    try (Admin admin = cluster.scram(AuthnCluster.EXTERNAL, "carol", "carol-secret")) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aMalformedCredentialEntryFailsThatUserOnly() throws Exception {
    policy.rawCredential("mallory", StringValue.of("plaintext-password"));
    double before = AuthnMetrics.count("PLAIN", "policy-error");
    try (Admin admin = cluster.plain(AuthnCluster.EXTERNAL, "mallory", "plaintext-password")) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
    }
    assertThat(AuthnMetrics.count("PLAIN", "policy-error")).isGreaterThan(before);
    try (Admin admin = cluster.plain(AuthnCluster.EXTERNAL, "alice", "alice-secret")) {
      assertThat(failure(admin)).isNull();
    }
  }

  @Test
  void aValidTokenIsAdmittedAndItsGroupsReachTheAuthorizer() throws Exception {
    String payments = Tokens.sign(Tokens.claims("dave", List.of("payments")), KEY_1);
    try (Admin admin = AuthnCluster.oauth(cluster, AuthnCluster.INSECURE, payments, null)) {
      admin
          .createTopics(List.of(new NewTopic("payments.dave", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    String marketing = Tokens.sign(Tokens.claims("erin", List.of("marketing")), KEY_1);
    try (Admin admin = AuthnCluster.oauth(cluster, AuthnCluster.INSECURE, marketing, null)) {
      assertThat(failure(admin)).isNull();
      assertThat(
              cause(
                  () ->
                      admin
                          .createTopics(List.of(new NewTopic("payments.erin", 1, (short) 1)))
                          .all()
                          .get(30, TimeUnit.SECONDS)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void groupsFromTheBundleReachTheAuthorizer() throws Exception {
    try (Admin admin = cluster.plain(AuthnCluster.EXTERNAL, "alice", "alice-secret")) {
      admin
          .createTopics(List.of(new NewTopic("payments.alice", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (Admin admin = cluster.scram(AuthnCluster.EXTERNAL, "bob", "bob-secret")) {
      assertThat(
              cause(
                  () ->
                      admin
                          .createTopics(List.of(new NewTopic("payments.bob", 1, (short) 1)))
                          .all()
                          .get(30, TimeUnit.SECONDS)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void forgedExpiredAndMisaddressedTokensAreRefused() throws Exception {
    JwtClaims expired = Tokens.claims("dave", List.of());
    expired.setIssuedAt(Tokens.minutesFromNow(-20));
    expired.setExpirationTime(Tokens.minutesFromNow(-5));
    JwtClaims early = Tokens.claims("dave", List.of());
    early.setNotBefore(Tokens.minutesFromNow(5));
    JwtClaims issuer = Tokens.claims("dave", List.of());
    issuer.setIssuer("https://elsewhere.test");
    JwtClaims audience = Tokens.claims("dave", List.of());
    audience.setAudience("not-kafka");
    JwtClaims good = Tokens.claims("dave", List.of());
    Map<String, String> tokens =
        Map.of(
            "expired", Tokens.sign(expired, KEY_1),
            "not yet valid", Tokens.sign(early, KEY_1),
            "wrong issuer", Tokens.sign(issuer, KEY_1),
            "wrong audience", Tokens.sign(audience, KEY_1),
            "alg none", Tokens.unsigned(good, KEY_1.getKeyId()),
            "HS256 with the public key", Tokens.hmacWithPublicKey(good, KEY_1),
            "unknown key", Tokens.sign(good, Tokens.rsaKey("key-x")));
    double before = AuthnMetrics.count("OAUTHBEARER", "invalid-token");
    for (Map.Entry<String, String> token : tokens.entrySet()) {
      try (Admin admin =
          AuthnCluster.oauth(cluster, AuthnCluster.EXTERNAL, token.getValue(), null)) {
        assertThat(failure(admin))
            .as(token.getKey())
            .isInstanceOf(SaslAuthenticationException.class);
      }
    }
    assertThat(AuthnMetrics.count("OAUTHBEARER", "invalid-token"))
        .isGreaterThanOrEqualTo(before + tokens.size());
  }

  @Test
  void aDisallowedSaslExtensionIsRefusedAndAnAllowedOneIsNot() throws Exception {
    String token = Tokens.sign(Tokens.claims("dave", List.of()), KEY_1);
    try (Admin admin = AuthnCluster.oauth(cluster, AuthnCluster.EXTERNAL, token, "traceId")) {
      assertThat(failure(admin)).isNull();
    }
    try (Admin admin = AuthnCluster.oauth(cluster, AuthnCluster.EXTERNAL, token, "impersonate")) {
      assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aKeyRotatedInTheJwksIsPickedUp() throws Exception {
    jwks.publish(KEY_1, KEY_2);
    try {
      String rotated = Tokens.sign(Tokens.claims("dave", List.of()), KEY_2);
      try (Admin admin = AuthnCluster.oauth(cluster, AuthnCluster.EXTERNAL, rotated, null)) {
        assertThat(failure(admin)).isNull();
      }
      jwks.publish(KEY_2);
      int before = jwks.requests();
      // A token naming a key the broker has not seen triggers a refresh, which drops key-1.
      String unknown = Tokens.sign(Tokens.claims("dave", List.of()), Tokens.rsaKey("key-3"));
      try (Admin admin = AuthnCluster.oauth(cluster, AuthnCluster.EXTERNAL, unknown, null)) {
        assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
      }
      assertThat(jwks.requests()).isGreaterThan(before);
      String retired = Tokens.sign(Tokens.claims("frank", List.of()), KEY_1);
      try (Admin admin = AuthnCluster.oauth(cluster, AuthnCluster.EXTERNAL, retired, null)) {
        assertThat(failure(admin)).isInstanceOf(SaslAuthenticationException.class);
      }
    } finally {
      jwks.publish(KEY_1, KEY_2);
    }
  }

  /** The cause of a failed describeCluster, or null when it succeeded. */
  private static Throwable failure(Admin admin) {
    return cause(() -> admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS));
  }

  private interface Call {
    Object run() throws Exception;
  }

  private static Throwable cause(Call call) {
    try {
      call.run();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }
}
