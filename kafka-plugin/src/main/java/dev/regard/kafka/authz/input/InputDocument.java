package dev.regard.kafka.authz.input;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.ObjectValue.Shape;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Lays out the input document a policy sees for one action. Its {@code action} and {@code
 * requestContext} members are laid out as opa-kafka-plugin sends them, so policies written for it
 * run unchanged; the top-level {@code principal}, {@code operation}, {@code resource}, {@code
 * listener}, {@code securityProtocol} and {@code client} members are shorter names for the same
 * facts plus principal groups and roles. See {@code docs/policy-input.md}.
 *
 * <p>Objects are built from key sets sorted once ({@link Shape}), and the members that come from
 * the request rather than the action ({@link RequestParts}) are built once for all the actions of
 * one request, and reused by the next requests while they come with equal facts ({@link Builder}).
 */
public final class InputDocument {
  private static final Shape DOCUMENT =
      Shape.of(
          "action",
          "requestContext",
          "principal",
          "operation",
          "resource",
          "listener",
          "securityProtocol",
          "client");
  private static final Shape ACTION =
      Shape.of(
          "operation", "resourcePattern", "resourceReferenceCount", "logIfAllowed", "logIfDenied");
  private static final Shape RESOURCE_PATTERN =
      Shape.of("resourceType", "name", "patternType", "unknown");
  private static final Shape REQUEST_CONTEXT =
      Shape.of(
          "clientAddress",
          "clientInformation",
          "header",
          "listenerName",
          "securityProtocol",
          "principal");
  private static final Shape CLIENT_INFORMATION = Shape.of("softwareName", "softwareVersion");
  private static final Shape HEADER = Shape.of("data", "headerVersion");
  private static final Shape HEADER_UNVERSIONED = Shape.of("data");
  private static final Shape HEADER_DATA =
      Shape.of("clientId", "requestApiKey", "requestApiVersion");
  private static final Shape KAFKA_PRINCIPAL = Shape.of("principalType", "name");
  private static final Shape PRINCIPAL = Shape.of("type", "name", "groups", "roles");
  private static final Shape RESOURCE = Shape.of("type", "name", "patternType");
  private static final Shape CLIENT = Shape.of("address", "id", "softwareName", "softwareVersion");

  // The names of Kafka's enums, made once.
  private static final Map<AclOperation, StringValue> OPERATIONS = names(AclOperation.class);
  private static final Map<ResourceType, StringValue> RESOURCE_TYPES = names(ResourceType.class);
  private static final Map<PatternType, StringValue> PATTERN_TYPES = names(PatternType.class);

  private InputDocument() {}

  private static <E extends Enum<E>> Map<E, StringValue> names(Class<E> type) {
    Map<E, StringValue> names = new EnumMap<>(type);
    for (E e : type.getEnumConstants()) {
      names.put(e, str(e.name()));
    }
    return names;
  }

  /** The members of the document that depend only on the request, not on the action. */
  public record RequestParts(
      ObjectValue requestContext,
      ObjectValue principal,
      StringValue listener,
      StringValue securityProtocol,
      ObjectValue client) {}

  public static ObjectValue of(RequestFacts f) {
    return of(f, requestParts(f));
  }

  /**
   * Builds the documents of actions, the request's parts again only when the request differs from
   * the previous one's (another connection, API or client): the actions of one request, and the
   * requests of one connection, share them. Not thread-safe: one per thread.
   */
  public static final class Builder {
    private RequestFacts partsOf;
    private RequestParts parts;

    public ObjectValue of(RequestFacts f) {
      if (parts == null || !f.sameRequest(partsOf)) {
        parts = requestParts(f);
        partsOf = f;
      }
      return InputDocument.of(f, parts);
    }
  }

  /** The document of an action whose request's parts were built already (from equal facts). */
  public static ObjectValue of(RequestFacts f, RequestParts request) {
    StringValue operation = OPERATIONS.get(f.operation());
    StringValue type = RESOURCE_TYPES.get(f.resourceType());
    StringValue name = str(f.resourceName());
    StringValue patternType = PATTERN_TYPES.get(f.patternType());
    ObjectValue action =
        ACTION.with(
            operation,
            RESOURCE_PATTERN.with(type, name, patternType, BooleanValue.of(f.resourceUnknown())),
            NumberValue.of(f.resourceReferenceCount()),
            BooleanValue.of(f.logIfAllowed()),
            BooleanValue.of(f.logIfDenied()));
    return DOCUMENT.with(
        action,
        request.requestContext(),
        request.principal(),
        operation,
        RESOURCE.with(type, name, patternType), // as resource(f)
        request.listener(),
        request.securityProtocol(),
        request.client());
  }

  /** The members that come from the request: the same for every action it asks about. */
  public static RequestParts requestParts(RequestFacts f) {
    StringValue clientAddress = str(f.clientAddress());
    StringValue clientId = str(f.clientId());
    StringValue softwareName = str(f.softwareName());
    StringValue softwareVersion = str(f.softwareVersion());
    StringValue listener = str(f.listener());
    StringValue securityProtocol = str(f.securityProtocol());
    ObjectValue headerData =
        HEADER_DATA.with(clientId, NumberValue.of(f.apiKey()), NumberValue.of(f.apiVersion()));
    int headerVersion = f.headerVersion();
    ObjectValue header =
        headerVersion >= 0
            ? HEADER.with(headerData, NumberValue.of(headerVersion))
            : HEADER_UNVERSIONED.with(headerData);
    ObjectValue requestContext =
        REQUEST_CONTEXT.with(
            clientAddress,
            CLIENT_INFORMATION.with(softwareName, softwareVersion),
            header,
            listener,
            securityProtocol,
            KAFKA_PRINCIPAL.with(str(f.principalType()), str(f.principalName())));
    return new RequestParts(
        requestContext,
        principal(f),
        listener,
        securityProtocol,
        CLIENT.with(clientAddress, clientId, softwareName, softwareVersion));
  }

  /** {@code input.principal}: type, name, groups and roles. */
  public static ObjectValue principal(RequestFacts f) {
    return PRINCIPAL.with(
        str(f.principalType()), str(f.principalName()), strings(f.groups()), strings(f.roles()));
  }

  /** {@code input.resource}: type, name and pattern type. */
  public static ObjectValue resource(RequestFacts f) {
    return RESOURCE.with(
        RESOURCE_TYPES.get(f.resourceType()),
        str(f.resourceName()),
        PATTERN_TYPES.get(f.patternType()));
  }

  private static Value strings(Set<String> values) {
    if (values.isEmpty()) {
      return ArrayValue.EMPTY;
    }
    return ArrayValue.of(values.stream().sorted().map(InputDocument::str).toList());
  }

  private static StringValue str(String s) {
    return StringValue.of(s);
  }
}
