package dev.regard.runtime.acls;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import dev.regard.runtime.DefaultBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * Kafka ACLs as the {@code acls} bundle's data ({@code data.kafka.acls}): indexed by resource type,
 * pattern name and principal so that a decision looks ACLs up instead of scanning them.
 */
public final class AclData {
  static final String BUNDLE = "bundles/acls";

  private AclData() {}

  /** The data document for these ACLs and settings. */
  public static Value of(
      Collection<AclBinding> acls, List<String> superUsers, boolean allowEveryoneIfNoAclFound) {
    Map<String, Map<String, Map<String, List<Value>>>> literal = new TreeMap<>();
    Map<String, Map<String, Map<String, List<Value>>>> prefixed = new TreeMap<>();
    Map<String, Map<String, List<Value>>> byPrincipal = new TreeMap<>();
    for (AclBinding binding : acls) {
      ResourcePattern pattern = binding.pattern();
      AccessControlEntry entry = binding.entry();
      if (pattern.patternType() != PatternType.LITERAL
          && pattern.patternType() != PatternType.PREFIXED) {
        throw new IllegalArgumentException("not a LITERAL or PREFIXED ACL: " + binding);
      }
      String type = pattern.resourceType().name();
      ObjectValue acl =
          ObjectValue.builder()
              .put("host", StringValue.of(entry.host()))
              .put("operation", StringValue.of(entry.operation().name()))
              .put("permission", StringValue.of(entry.permissionType().name()))
              .build();
      (pattern.patternType() == PatternType.LITERAL ? literal : prefixed)
          .computeIfAbsent(type, t -> new TreeMap<>())
          .computeIfAbsent(pattern.name(), n -> new TreeMap<>())
          .computeIfAbsent(entry.principal(), p -> new ArrayList<>())
          .add(acl);
      byPrincipal
          .computeIfAbsent(type, t -> new TreeMap<>())
          .computeIfAbsent(entry.principal(), p -> new ArrayList<>())
          .add(
              acl.toBuilder()
                  .put("name", StringValue.of(pattern.name()))
                  .put("pattern", StringValue.of(pattern.patternType().name()))
                  .build());
    }
    return ObjectValue.builder()
        .put("allow_everyone_if_no_acl_found", BooleanValue.of(allowEveryoneIfNoAclFound))
        .put("super_users", ArrayValue.of(superUsers.stream().map(StringValue::of).toList()))
        .put("literal", toValue(literal))
        .put("prefixed", toValue(prefixed))
        .put("by_principal", toValue(byPrincipal))
        .build();
  }

  /**
   * Writes a bundle directory: the {@code acls} policy with these ACLs as its data, and a revision
   * naming how many ACLs it holds.
   */
  public static void writeBundle(
      Path dir,
      Collection<AclBinding> acls,
      List<String> superUsers,
      boolean allowEveryoneIfNoAclFound)
      throws IOException {
    DefaultBundle.extract(BUNDLE, dir);
    Files.writeString(
        dir.resolve("kafka/acls/data.json"),
        Json.writePretty(of(acls, superUsers, allowEveryoneIfNoAclFound)) + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve(".manifest"),
        "{\"revision\": \"acls-import-" + acls.size() + "\", \"roots\": [\"kafka\"]}\n",
        StandardCharsets.UTF_8);
  }

  private static Value toValue(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      ObjectValue.Builder out = ObjectValue.builder();
      map.forEach((k, v) -> out.put((String) k, toValue(v)));
      return out.build();
    }
    if (tree instanceof List<?> list) {
      return ArrayValue.of(list.stream().map(AclData::toValue).toList());
    }
    return (Value) tree;
  }
}
