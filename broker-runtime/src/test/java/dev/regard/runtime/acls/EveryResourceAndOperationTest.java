package dev.regard.runtime.acls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.runtime.DefaultBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resource type and operation of the Kafka version built against (share groups,
 * TWO_PHASE_COMMIT, DELEGATION_TOKEN and USER included) gets an intended answer: the acls bundle
 * the same as StandardAuthorizer with ACLs on every type, the default bundle its documented one.
 */
class EveryResourceAndOperationTest {
  @TempDir Path tmp;

  static List<ResourceType> types() {
    List<ResourceType> out = new ArrayList<>();
    for (ResourceType t : ResourceType.values()) {
      if (t != ResourceType.ANY && t != ResourceType.UNKNOWN) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void theEnumerationCoversKafkasNewestTypesAndOperations() {
    assertThat(types())
        .contains(ResourceType.DELEGATION_TOKEN, ResourceType.USER, ResourceType.TRANSACTIONAL_ID);
    assertThat(Verifier.operations()).contains(AclOperation.TWO_PHASE_COMMIT);
  }

  @Test
  void theAclsBundleAnswersAsStandardAuthorizerForEveryTypeAndOperation() throws Exception {
    List<AclBinding> acls = new ArrayList<>();
    for (ResourceType type : types()) {
      String name = type == ResourceType.CLUSTER ? "kafka-cluster" : "res-" + type.name();
      acls.add(
          new AclBinding(
              new ResourcePattern(type, name, PatternType.LITERAL),
              new AccessControlEntry("User:ops", "*", AclOperation.ALL, AclPermissionType.ALLOW)));
      acls.add(
          new AclBinding(
              new ResourcePattern(type, "p-", PatternType.PREFIXED),
              new AccessControlEntry("User:*", "*", AclOperation.READ, AclPermissionType.ALLOW)));
      acls.add(
          new AclBinding(
              new ResourcePattern(type, "*", PatternType.LITERAL),
              new AccessControlEntry(
                  "User:mallory", "*", AclOperation.ALTER, AclPermissionType.DENY)));
    }
    Path bundle = tmp.resolve("acls");
    AclData.writeBundle(bundle, acls, List.of("User:root"), false);
    Verifier.Report report = Verifier.verify(acls, bundle, List.of("User:root"), false);
    assertThat(report.differences()).isEmpty();
    assertThat(report.questions()).isGreaterThan(types().size() * Verifier.operations().size() * 4);
  }

  @Test
  void theDefaultBundleAnswersEveryTypeAndOperationAsDocumented() throws Exception {
    Path bundle = DefaultBundle.extract("bundles/default", tmp.resolve("default"));
    // No ACLs: StandardAuthorizer allows super users and denies everyone else, as the default
    // policy intends for its admin and for a principal it does not know.
    Verifier.Report report = Verifier.verify(List.of(), bundle, List.of("User:admin"), false);
    assertThat(report.differences()).isEmpty();
    // Two principals and two hosts, each asked every operation on every type, singly and by type.
    assertThat(report.questions())
        .isEqualTo(2 * 2 * types().size() * Verifier.operations().size() * 2);
  }
}
