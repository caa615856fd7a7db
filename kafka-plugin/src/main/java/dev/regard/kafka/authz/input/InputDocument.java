package dev.regard.kafka.authz.input;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.Set;

/**
 * Lays out the input document a policy sees for one action. Its {@code action} and {@code
 * requestContext} members are laid out as opa-kafka-plugin sends them, so policies written for it
 * run unchanged; the top-level {@code principal}, {@code operation}, {@code resource}, {@code
 * listener}, {@code securityProtocol} and {@code client} members are shorter names for the same
 * facts plus principal groups and roles. See {@code docs/policy-input.md}.
 */
public final class InputDocument {
  private InputDocument() {}

  public static ObjectValue of(RequestFacts f) {
    ObjectValue action =
        ObjectValue.builder()
            .put("operation", str(f.operation().name()))
            .put(
                "resourcePattern",
                ObjectValue.builder()
                    .put("resourceType", str(f.resourceType().name()))
                    .put("name", str(f.resourceName()))
                    .put("patternType", str(f.patternType().name()))
                    .put("unknown", BooleanValue.of(f.resourceUnknown()))
                    .build())
            .put("resourceReferenceCount", NumberValue.of(f.resourceReferenceCount()))
            .put("logIfAllowed", BooleanValue.of(f.logIfAllowed()))
            .put("logIfDenied", BooleanValue.of(f.logIfDenied()))
            .build();
    ObjectValue.Builder header =
        ObjectValue.builder()
            .put(
                "data",
                ObjectValue.builder()
                    .put("clientId", str(f.clientId()))
                    .put("requestApiKey", NumberValue.of(f.apiKey()))
                    .put("requestApiVersion", NumberValue.of(f.apiVersion()))
                    .build());
    if (f.headerVersion() >= 0) {
      header.put("headerVersion", NumberValue.of(f.headerVersion()));
    }
    ObjectValue requestContext =
        ObjectValue.builder()
            .put("clientAddress", str(f.clientAddress()))
            .put(
                "clientInformation",
                ObjectValue.builder()
                    .put("softwareName", str(f.softwareName()))
                    .put("softwareVersion", str(f.softwareVersion()))
                    .build())
            .put("header", header.build())
            .put("listenerName", str(f.listener()))
            .put("securityProtocol", str(f.securityProtocol()))
            .put(
                "principal",
                ObjectValue.builder()
                    .put("principalType", str(f.principalType()))
                    .put("name", str(f.principalName()))
                    .build())
            .build();
    return ObjectValue.builder()
        .put("action", action)
        .put("requestContext", requestContext)
        .put("principal", principal(f))
        .put("operation", str(f.operation().name()))
        .put("resource", resource(f))
        .put("listener", str(f.listener()))
        .put("securityProtocol", str(f.securityProtocol()))
        .put(
            "client",
            ObjectValue.builder()
                .put("address", str(f.clientAddress()))
                .put("id", str(f.clientId()))
                .put("softwareName", str(f.softwareName()))
                .put("softwareVersion", str(f.softwareVersion()))
                .build())
        .build();
  }

  /** {@code input.principal}: type, name, groups and roles. */
  public static ObjectValue principal(RequestFacts f) {
    return ObjectValue.builder()
        .put("type", str(f.principalType()))
        .put("name", str(f.principalName()))
        .put("groups", strings(f.groups()))
        .put("roles", strings(f.roles()))
        .build();
  }

  /** {@code input.resource}: type, name and pattern type. */
  public static ObjectValue resource(RequestFacts f) {
    return ObjectValue.builder()
        .put("type", str(f.resourceType().name()))
        .put("name", str(f.resourceName()))
        .put("patternType", str(f.patternType().name()))
        .build();
  }

  private static Value strings(Set<String> values) {
    return ArrayValue.of(values.stream().sorted().map(InputDocument::str).toList());
  }

  private static StringValue str(String s) {
    return StringValue.of(s);
  }
}
