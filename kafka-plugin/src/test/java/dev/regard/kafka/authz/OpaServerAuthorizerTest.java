package dev.regard.kafka.authz;

import static dev.regard.kafka.authz.TestRequests.context;
import static dev.regard.kafka.authz.TestRequests.one;
import static dev.regard.kafka.authz.TestRequests.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.kafka.authz.log.DecisionLog;
import dev.regard.rego.Rego;
import dev.regard.testing.LogLines;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorizer with the opa-server engine against a real HTTP server speaking OPA's Data API,
 * with a Rego policy behind it.
 */
class OpaServerAuthorizerTest {
  private OpaTestServer opa;
  private RegardAuthorizer authorizer;

  /** alice may write and describe topics named alice-*; mallory gets a non-boolean answer. */
  private static final String POLICY =
      """
      package kafka.authz

      writes_own_topic if {
      	input.principal.name == "alice"
      	input.operation in {"WRITE", "DESCRIBE"}
      	startswith(input.resource.name, "alice-")
      }

      # mallory gets an answer that is not a boolean; nobody gets no answer at all.
      allow := "yes" if input.principal.name == "mallory"

      allow if writes_own_topic

      allow := false if {
      	not writes_own_topic
      	not input.principal.name in {"mallory", "nobody"}
      }

      default allow_by_resource_type := false

      allow_by_resource_type if input.principal.name == "alice"
      """;

  @BeforeEach
  void setUp() throws Exception {
    opa = new OpaTestServer(Rego.builder().module("policy.rego", POLICY).compile());
    authorizer = authorizer(Map.of());
  }

  private RegardAuthorizer authorizer(Map<String, String> extra) {
    Map<String, Object> config = new HashMap<>();
    config.put("regard.engine", "opa-server");
    config.put("regard.opa.url", opa.baseUrl().toString());
    config.put("regard.opa.timeout.ms", "3000");
    config.put("super.users", "User:admin;User:ops");
    config.putAll(extra);
    RegardAuthorizer a = new RegardAuthorizer();
    a.configure(config);
    return a;
  }

  @AfterEach
  void tearDown() {
    authorizer.close();
    opa.close();
  }

  private AuthorizationResult decide(String user, AclOperation op, String topicName) {
    return authorizer.authorize(context(user), one(topic(op, topicName))).get(0);
  }

  @Test
  void allowsOnlyWhatThePolicyAllows() {
    assertThat(decide("alice", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.ALLOWED);
    assertThat(decide("alice", AclOperation.READ, "alice-orders"))
        .isEqualTo(AuthorizationResult.DENIED);
    assertThat(decide("alice", AclOperation.WRITE, "bob-orders"))
        .isEqualTo(AuthorizationResult.DENIED);
    assertThat(decide("bob", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.DENIED);
  }

  @Test
  void decidesEveryActionOfABatchInOrder() {
    List<AuthorizationResult> results =
        authorizer.authorize(
            context("alice"),
            List.of(
                topic(AclOperation.WRITE, "alice-a"),
                topic(AclOperation.WRITE, "bob-b"),
                topic(AclOperation.DESCRIBE, "alice-c")));
    assertThat(results)
        .containsExactly(
            AuthorizationResult.ALLOWED, AuthorizationResult.DENIED, AuthorizationResult.ALLOWED);
  }

  @Test
  void undefinedAndNonBooleanResultsDeny() {
    assertThat(decide("nobody", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.DENIED);
    assertThat(decide("mallory", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.DENIED);
  }

  @Test
  void superUsersAreAllowedWithoutAskingThePolicy() {
    assertThat(decide("admin", AclOperation.DELETE, "anything"))
        .isEqualTo(AuthorizationResult.ALLOWED);
    assertThat(decide("ops", AclOperation.ALTER, "anything"))
        .isEqualTo(AuthorizationResult.ALLOWED);
    assertThat(opa.requests()).isZero();
  }

  @Test
  void failsClosedWhenTheServerIsSlowAnswersGarbageOrErrors() {
    for (OpaTestServer.Mode mode :
        List.of(
            OpaTestServer.Mode.SLOW, OpaTestServer.Mode.GARBAGE, OpaTestServer.Mode.SERVER_ERROR)) {
      opa.mode(mode);
      assertThat(decide("alice", AclOperation.WRITE, "alice-" + mode))
          .as(mode.name())
          .isEqualTo(AuthorizationResult.DENIED);
    }
    opa.mode(OpaTestServer.Mode.NORMAL);
    assertThat(decide("alice", AclOperation.WRITE, "alice-after"))
        .isEqualTo(AuthorizationResult.ALLOWED);
  }

  @Test
  void failsClosedWhenTheServerIsDown() {
    assertThat(decide("alice", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.ALLOWED);
    opa.close();
    assertThat(decide("alice", AclOperation.WRITE, "alice-other"))
        .isEqualTo(AuthorizationResult.DENIED);
  }

  @Test
  void errorsAreNotCachedSoTheNextRequestAsksAgain() {
    opa.mode(OpaTestServer.Mode.SERVER_ERROR);
    assertThat(decide("alice", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.DENIED);
    opa.mode(OpaTestServer.Mode.NORMAL);
    assertThat(decide("alice", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.ALLOWED);
  }

  @Test
  void cachesDecisionsForEqualInputs() {
    decide("alice", AclOperation.WRITE, "alice-orders");
    decide("alice", AclOperation.WRITE, "alice-orders");
    decide("alice", AclOperation.WRITE, "alice-orders");
    assertThat(opa.requests()).isEqualTo(1);
    decide("alice", AclOperation.WRITE, "alice-payments");
    assertThat(opa.requests()).isEqualTo(2);
  }

  @Test
  void cacheCanBeDisabled() {
    authorizer.close();
    authorizer = authorizer(Map.of("regard.cache.max.entries", "0"));
    decide("alice", AclOperation.WRITE, "alice-orders");
    decide("alice", AclOperation.WRITE, "alice-orders");
    assertThat(opa.requests()).isEqualTo(2);
  }

  @Test
  void authorizeByResourceTypeAsksThePolicy() {
    assertThat(
            authorizer.authorizeByResourceType(
                context("alice"), AclOperation.WRITE, ResourceType.TOPIC))
        .isEqualTo(AuthorizationResult.ALLOWED);
    assertThat(
            authorizer.authorizeByResourceType(
                context("bob"), AclOperation.WRITE, ResourceType.TOPIC))
        .isEqualTo(AuthorizationResult.DENIED);
    assertThat(
            authorizer.authorizeByResourceType(
                context("admin"), AclOperation.WRITE, ResourceType.TOPIC))
        .isEqualTo(AuthorizationResult.ALLOWED);
    assertThatThrownBy(
            () ->
                authorizer.authorizeByResourceType(
                    context("alice"), AclOperation.ANY, ResourceType.TOPIC))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void opaKafkaPluginUrlSelectsTheServerAndTheRule() {
    authorizer.close();
    Map<String, Object> config = new HashMap<>();
    config.put("opa.authorizer.url", opa.baseUrl() + "/v1/data/kafka/authz/allow");
    authorizer = new RegardAuthorizer();
    authorizer.configure(config);
    assertThat(decide("alice", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.ALLOWED);
    assertThat(decide("bob", AclOperation.WRITE, "alice-orders"))
        .isEqualTo(AuthorizationResult.DENIED);
  }

  @Test
  void startCompletesEveryEndpointForTheServerEngine() {
    Endpoint endpoint =
        new Endpoint("SASL_PLAINTEXT", SecurityProtocol.SASL_PLAINTEXT, "localhost", 9092);
    var futures = authorizer.start(new TestServerInfo(List.of(endpoint)));
    assertThat(futures).containsOnlyKeys(endpoint);
    assertThat(futures.get(endpoint).toCompletableFuture()).isCompleted();
  }

  @Test
  void aclCallsAnswerThatAclsArePolicy() throws Exception {
    AclBinding binding =
        new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, "t", PatternType.LITERAL),
            new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));
    var created = authorizer.createAcls(context("admin"), List.of(binding));
    assertThat(created.get(0).toCompletableFuture().get().exception().orElseThrow())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("ACLs are managed as policy in the bundle");
    var deleted = authorizer.deleteAcls(context("admin"), List.of(AclBindingFilter.ANY));
    assertThat(deleted.get(0).toCompletableFuture().get().exception().orElseThrow())
        .hasMessageContaining("ACLs are managed as policy in the bundle");
    assertThatThrownBy(() -> authorizer.acls(AclBindingFilter.ANY))
        .hasMessageContaining("ACLs are managed as policy in the bundle");
  }

  @Test
  void everyDenyIsLoggedAndAllowsOnlyWhenSampled() {
    try (LogLines log = new LogLines(DecisionLog.LOGGER)) {
      decide("alice", AclOperation.WRITE, "alice-orders");
      decide("bob", AclOperation.WRITE, "alice-orders");
      assertThat(log.lines()).hasSize(1);
      assertThat(log.lines().get(0))
          .contains("\"result\":\"DENIED\"")
          .contains("\"name\":\"bob\"")
          .contains("\"revision\":\"opa-server\"");

      authorizer.close();
      authorizer = authorizer(Map.of("regard.decision.log.allow.sample.rate", "1.0"));
      decide("alice", AclOperation.WRITE, "alice-orders");
      decide("alice", AclOperation.WRITE, "alice-orders");
      assertThat(log.lines()).hasSize(3);
      assertThat(log.lines().get(1))
          .contains("\"result\":\"ALLOWED\"")
          .contains("\"cacheHit\":false");
      assertThat(log.lines().get(2)).contains("\"cacheHit\":true");
    }
  }
}
