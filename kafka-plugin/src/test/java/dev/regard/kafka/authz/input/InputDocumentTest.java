package dev.regard.kafka.authz.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authz.TestRequests;
import dev.regard.kafka.principal.PrincipalAttributes;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.junit.jupiter.api.Test;

class InputDocumentTest {
  @Test
  void carriesOpaKafkaPluginFieldsAndOurs() {
    ObjectValue input =
        InputDocument.of(
            RequestFacts.of(
                TestRequests.context("alice"), TestRequests.topic(AclOperation.WRITE, "orders")));
    String json = Json.write(input);
    // opa-kafka-plugin's layout
    assertThat(json)
        .contains(
            "\"action\":{\"logIfAllowed\":true,\"logIfDenied\":true,\"operation\":\"WRITE\","
                + "\"resourcePattern\":{\"name\":\"orders\",\"patternType\":\"LITERAL\","
                + "\"resourceType\":\"TOPIC\",\"unknown\":false},\"resourceReferenceCount\":1}")
        .contains("\"clientAddress\":\"127.0.0.1\"")
        .contains(
            "\"clientInformation\":{\"softwareName\":\"apache-kafka-java\",\"softwareVersion\":\"4.4.0\"}")
        .contains("\"listenerName\":\"SASL_PLAINTEXT\"")
        .contains("\"principal\":{\"name\":\"alice\",\"principalType\":\"User\"}")
        .contains("\"requestApiKey\":0")
        .contains("\"headerVersion\":2");
    // our own fields
    assertThat(json)
        .contains("\"operation\":\"WRITE\"")
        .contains(
            "\"resource\":{\"name\":\"orders\",\"patternType\":\"LITERAL\",\"type\":\"TOPIC\"}")
        .contains("\"listener\":\"SASL_PLAINTEXT\"")
        .contains("\"securityProtocol\":\"SASL_PLAINTEXT\"")
        .contains("\"principal\":{\"groups\":[],\"name\":\"alice\",\"roles\":[],\"type\":\"User\"}")
        .contains(
            "\"client\":{\"address\":\"127.0.0.1\",\"id\":\"client-1\",\"softwareName\":\"apache-kafka-java\",\"softwareVersion\":\"4.4.0\"}");
  }

  @Test
  void leavesOutPerRequestIdsSoEqualRequestsShareACacheEntry() {
    RequestFacts facts =
        RequestFacts.of(
            TestRequests.context("alice"), TestRequests.topic(AclOperation.READ, "orders"));
    String json = Json.write(InputDocument.of(facts));
    assertThat(json).doesNotContain("correlationId").doesNotContain("connectionId");
    assertThat(facts)
        .isEqualTo(
            RequestFacts.of(
                TestRequests.context("alice"), TestRequests.topic(AclOperation.READ, "orders")));
  }

  @Test
  void principalGroupsAndRolesComeFromAttributedPrincipals() {
    class Member extends KafkaPrincipal implements PrincipalAttributes {
      Member() {
        super(USER_TYPE, "carol");
      }

      @Override
      public Set<String> groups() {
        return Set.of("payments", "auditors");
      }

      @Override
      public Set<String> roles() {
        return Set.of("operator");
      }
    }
    ObjectValue input =
        InputDocument.of(
            RequestFacts.of(
                TestRequests.context(new Member()), TestRequests.topic(AclOperation.READ, "t")));
    assertThat(Json.write(input.get("principal")))
        .isEqualTo(
            "{\"groups\":[\"auditors\",\"payments\"],\"name\":\"carol\",\"roles\":[\"operator\"],\"type\":\"User\"}");
  }

  @Test
  void resourceTypeQuestionsHaveAnEmptyNameAndPatternAny() {
    ObjectValue input =
        InputDocument.of(
            RequestFacts.ofResourceType(
                TestRequests.context("alice"), AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID));
    assertThat(Json.write(input.get("resource")))
        .isEqualTo("{\"name\":\"\",\"patternType\":\"ANY\",\"type\":\"TRANSACTIONAL_ID\"}");
    assertThat(Json.write(input.get("operation"))).isEqualTo("\"WRITE\"");
  }

  @Test
  void aBuilderSharesTheRequestsMembersOnlyWhileTheRequestIsTheSame() {
    InputDocument.Builder builder = new InputDocument.Builder();
    ObjectValue alice =
        builder.of(
            RequestFacts.of(
                TestRequests.context("alice"), TestRequests.topic(AclOperation.READ, "orders")));
    ObjectValue aliceAgain =
        builder.of(
            RequestFacts.of(
                TestRequests.context("alice"), TestRequests.topic(AclOperation.WRITE, "payments")));
    ObjectValue bob =
        builder.of(
            RequestFacts.of(
                TestRequests.context("bob"), TestRequests.topic(AclOperation.WRITE, "payments")));
    assertThat(aliceAgain.get("principal")).isSameAs(alice.get("principal"));
    assertThat(Json.write(aliceAgain.get("resource")))
        .isEqualTo("{\"name\":\"payments\",\"patternType\":\"LITERAL\",\"type\":\"TOPIC\"}");
    assertThat(Json.write(bob.get("principal")))
        .isEqualTo("{\"groups\":[],\"name\":\"bob\",\"roles\":[],\"type\":\"User\"}");
    assertThat(Json.write(bob))
        .isEqualTo(
            Json.write(
                InputDocument.of(
                    RequestFacts.of(
                        TestRequests.context("bob"),
                        TestRequests.topic(AclOperation.WRITE, "payments")))));
  }
}
