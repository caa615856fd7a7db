package dev.regard.kafka.principal;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * Principals as bytes, so that they survive forwarding from brokers to KRaft controllers: a
 * versioned JSON object {@code {"v":1,"type":..,"name":..,"tokenAuthenticated":..,"groups":[..],
 * "roles":[..]}}.
 */
public final class PrincipalCodec {
  public static final int MAX_BYTES = 64 * 1024;
  private static final int VERSION = 1;

  private PrincipalCodec() {}

  public static byte[] serialize(KafkaPrincipal principal) {
    Set<String> groups = Set.of();
    Set<String> roles = Set.of();
    if (principal instanceof RegardPrincipal regard) {
      groups = regard.groups();
      roles = regard.roles();
    }
    ObjectValue doc =
        ObjectValue.builder()
            .put("v", NumberValue.of(VERSION))
            .put("type", StringValue.of(principal.getPrincipalType()))
            .put("name", StringValue.of(principal.getName()))
            .put("tokenAuthenticated", BooleanValue.of(principal.tokenAuthenticated()))
            .put("groups", strings(groups))
            .put("roles", strings(roles))
            .build();
    byte[] bytes = Json.write(doc).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw new SerializationException("principal larger than " + MAX_BYTES + " bytes");
    }
    return bytes;
  }

  public static RegardPrincipal deserialize(byte[] bytes) {
    if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new SerializationException("principal bytes empty or larger than " + MAX_BYTES);
    }
    Value parsed;
    try {
      parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8), "serialized principal");
    } catch (RuntimeException e) {
      throw new SerializationException("serialized principal is not JSON: " + e.getMessage());
    }
    if (!(parsed instanceof ObjectValue doc)
        || !NumberValue.of(VERSION).equals(doc.get("v"))
        || !(doc.get("type") instanceof StringValue type)
        || !(doc.get("name") instanceof StringValue name)
        || !(doc.get("tokenAuthenticated") instanceof BooleanValue token)) {
      throw new SerializationException(
          "serialized principal lacks v=1, type, name or tokenAuthenticated");
    }
    return new RegardPrincipal(
        type.value(),
        name.value(),
        Memberships.strings(doc.get("groups")),
        Memberships.strings(doc.get("roles")),
        token.value());
  }

  private static ArrayValue strings(Set<String> values) {
    return ArrayValue.of(values.stream().sorted().map(StringValue::of).toList());
  }
}
