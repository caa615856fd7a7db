package dev.regard.kafka.authn.jwt;

import dev.regard.rego.value.ObjectValue;
import java.util.Set;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;

/**
 * A token whose signature, issuer, audience and times were verified, with its claims and the groups
 * and roles they name. Kafka hands it to the principal builder as the OAUTHBEARER negotiated
 * property {@code OAUTHBEARER.token}.
 */
public record ValidatedToken(
    String value,
    Set<String> scope,
    long lifetimeMs,
    String principalName,
    Long startTimeMs,
    ObjectValue claims,
    Set<String> groups,
    Set<String> roles)
    implements OAuthBearerToken {
  public ValidatedToken {
    scope = Set.copyOf(scope);
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
  }

  @Override
  public String toString() {
    return "ValidatedToken[principal=" + principalName + ", lifetimeMs=" + lifetimeMs + "]";
  }
}
