package dev.regard.runtime.acls;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** Reads the output of {@code kafka-acls --list}: a resource line, then one line per ACL. */
public final class AclListing {
  private static final Pattern RESOURCE =
      Pattern.compile(
          "ResourcePattern\\(resourceType=(\\w+), name=(.*), patternType=(\\w+)\\)`?:?\\s*$");
  private static final Pattern ENTRY =
      Pattern.compile(
          "^\\s*\\(principal=(.*), host=(.*), operation=(\\w+), permissionType=(\\w+)\\)\\s*$");

  private AclListing() {}

  /** The ACLs listed in {@code text}; {@code source} names it in errors. */
  public static List<AclBinding> parse(String text, String source) {
    List<AclBinding> acls = new ArrayList<>();
    ResourcePattern current = null;
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher resource = RESOURCE.matcher(line);
      Matcher entry = ENTRY.matcher(line);
      try {
        if (resource.find()) {
          current =
              new ResourcePattern(
                  ResourceType.fromString(resource.group(1)),
                  resource.group(2),
                  PatternType.fromString(resource.group(3)));
          requireKnown(current.resourceType() == ResourceType.UNKNOWN, resource.group(1));
          requireKnown(current.patternType() == PatternType.UNKNOWN, resource.group(3));
        } else if (entry.matches()) {
          if (current == null) {
            throw new IllegalArgumentException("an ACL before any resource line");
          }
          AclOperation operation = AclOperation.fromString(entry.group(3));
          AclPermissionType permission = AclPermissionType.fromString(entry.group(4));
          requireKnown(operation == AclOperation.UNKNOWN, entry.group(3));
          requireKnown(permission == AclPermissionType.UNKNOWN, entry.group(4));
          acls.add(
              new AclBinding(
                  current,
                  new AccessControlEntry(entry.group(1), entry.group(2), operation, permission)));
        } else if (!line.isBlank() && line.strip().startsWith("(")) {
          throw new IllegalArgumentException("unreadable ACL line: " + line.strip());
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ", line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return acls;
  }

  private static void requireKnown(boolean unknown, String value) {
    if (unknown) {
      throw new IllegalArgumentException("unknown value " + value);
    }
  }
}
