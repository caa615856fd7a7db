package dev.regard.kafka.authz.input;

import dev.regard.kafka.principal.PrincipalAttributes;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;

/**
 * Everything a decision may depend on, read from Kafka's request context and action. Equal facts
 * get equal decisions, so this record is the decision cache's key; the input document a policy sees
 * is built from it only when the cache cannot answer. Per-request noise (correlation and connection
 * ids) is left out.
 */
public record RequestFacts(
    AclOperation operation,
    ResourceType resourceType,
    String resourceName,
    PatternType patternType,
    boolean resourceUnknown,
    int resourceReferenceCount,
    boolean logIfAllowed,
    boolean logIfDenied,
    String principalType,
    String principalName,
    Set<String> groups,
    Set<String> roles,
    InetAddress clientInetAddress,
    String clientId,
    String softwareName,
    String softwareVersion,
    int apiKey,
    int apiVersion,
    String listener,
    String securityProtocol) {

  public RequestFacts {
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
  }

  /** The facts of one action of a request. */
  public static RequestFacts of(AuthorizableRequestContext context, Action action) {
    ResourcePattern pattern = action.resourcePattern();
    return of(
        context,
        action.operation(),
        pattern.resourceType(),
        pattern.name(),
        pattern.patternType(),
        pattern.isUnknown(),
        action.resourceReferenceCount(),
        action.logIfAllowed(),
        action.logIfDenied());
  }

  /**
   * The facts of a request without an action, to be completed by {@link #withAction}: the actions
   * of one request share what is read from its context.
   */
  public static RequestFacts ofRequest(AuthorizableRequestContext context) {
    return of(
        context,
        AclOperation.UNKNOWN,
        ResourceType.UNKNOWN,
        "",
        PatternType.UNKNOWN,
        false,
        0,
        false,
        false);
  }

  /** The facts of one action of this request: {@code of(context, action)}. */
  public RequestFacts withAction(Action action) {
    ResourcePattern pattern = action.resourcePattern();
    return new RequestFacts(
        action.operation(),
        pattern.resourceType(),
        nullToEmpty(pattern.name()),
        pattern.patternType(),
        pattern.isUnknown(),
        action.resourceReferenceCount(),
        action.logIfAllowed(),
        action.logIfDenied(),
        principalType,
        principalName,
        groups,
        roles,
        clientInetAddress,
        clientId,
        softwareName,
        softwareVersion,
        apiKey,
        apiVersion,
        listener,
        securityProtocol);
  }

  /**
   * The facts of Kafka's question "may this principal perform the operation on at least one
   * resource of this type": the resource name is empty and the pattern type is ANY.
   */
  public static RequestFacts ofResourceType(
      AuthorizableRequestContext context, AclOperation operation, ResourceType type) {
    return of(context, operation, type, "", PatternType.ANY, false, 0, true, true);
  }

  private static RequestFacts of(
      AuthorizableRequestContext context,
      AclOperation operation,
      ResourceType type,
      String name,
      PatternType patternType,
      boolean unknown,
      int references,
      boolean logIfAllowed,
      boolean logIfDenied) {
    KafkaPrincipal principal = context.principal();
    Set<String> groups = Set.of();
    Set<String> roles = Set.of();
    if (principal instanceof PrincipalAttributes attributes) {
      groups = attributes.groups();
      roles = attributes.roles();
    }
    ClientInformation client = ClientInformation.EMPTY;
    int apiKey;
    if (context instanceof RequestContext rc) {
      client = rc.clientInformation != null ? rc.clientInformation : client;
      // The key as the header holds it: requestType() looks the API up in a map first.
      apiKey = rc.header.data().requestApiKey();
    } else {
      apiKey = context.requestType();
    }
    return new RequestFacts(
        operation,
        type,
        nullToEmpty(name),
        patternType,
        unknown,
        references,
        logIfAllowed,
        logIfDenied,
        nullToEmpty(principal.getPrincipalType()),
        nullToEmpty(principal.getName()),
        groups,
        roles,
        context.clientAddress(),
        nullToEmpty(context.clientId()),
        nullToEmpty(client.softwareName()),
        nullToEmpty(client.softwareVersion()),
        apiKey,
        context.requestVersion(),
        nullToEmpty(context.listenerName()),
        context.securityProtocol() == null ? "" : context.securityProtocol().name);
  }

  /**
   * Whether the request's facts (all but the action's) equal those of {@code other}: then the
   * members of the input document that come from the request are the same.
   */
  public boolean sameRequest(RequestFacts other) {
    return apiKey == other.apiKey
        && apiVersion == other.apiVersion
        && principalName.equals(other.principalName)
        && principalType.equals(other.principalType)
        && groups.equals(other.groups)
        && roles.equals(other.roles)
        && Objects.equals(clientInetAddress, other.clientInetAddress)
        && clientId.equals(other.clientId)
        && softwareName.equals(other.softwareName)
        && softwareVersion.equals(other.softwareVersion)
        && listener.equals(other.listener)
        && securityProtocol.equals(other.securityProtocol);
  }

  /**
   * The request header version, worked out from the API key and version (so not part of what makes
   * facts equal); -1 for API versions this Kafka does not know.
   */
  public int headerVersion() {
    if (ApiKeys.hasId(apiKey)) {
      ApiKeys api = ApiKeys.forId(apiKey);
      if (api.isVersionSupported((short) apiVersion)) {
        return api.requestHeaderVersion((short) apiVersion);
      }
    }
    return -1;
  }

  /**
   * The client's address as text, empty when unknown. Kept as an address in the facts (null when
   * unknown): comparing addresses is cheaper than formatting one for every decision.
   */
  public String clientAddress() {
    return clientInetAddress == null ? "" : clientInetAddress.getHostAddress();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
