package dev.regard.kafka.authn.policy;

import dev.regard.kafka.credentials.CredentialFormatException;
import dev.regard.kafka.credentials.CredentialParser;
import dev.regard.kafka.credentials.UserCredentials;
import dev.regard.kafka.engine.Policy;
import dev.regard.kafka.engine.PolicyEngine;
import dev.regard.kafka.engine.PolicyException;
import dev.regard.kafka.principal.Memberships;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.util.List;
import java.util.Optional;

/**
 * What the policy in force says about authentication: the stored credentials of a user, the groups
 * and roles of a principal, and whether a client may connect.
 *
 * @param engine where the policy in force comes from
 * @param query the rule that admits or refuses, such as {@code data.kafka.authn.allow}
 * @param credentialsRef the document of credentials by user name
 * @param principalsRef the document of groups and roles by principal ({@code User:alice})
 * @param reasonsRef the set of strings naming why the policy refuses an input, such as {@code
 *     data.kafka.authn.deny_reasons}; read only for a refusal, to say which rules decided
 */
public record AuthnPolicy(
    PolicyEngine engine,
    String query,
    String credentialsRef,
    String principalsRef,
    String reasonsRef) {

  /**
   * A decision: admitted, or refused with the reason and the policy's own reasons (empty when it
   * names none).
   */
  public record Decision(boolean allowed, String reason, List<String> rules, String revision) {
    public Decision {
      rules = List.copyOf(rules);
    }
  }

  /**
   * The credentials stored for a user.
   *
   * @return empty when the bundle has none for this user
   * @throws AuthnPolicyException when no policy is in force or the entry is malformed
   */
  public Optional<UserCredentials> credentials(String user) throws AuthnPolicyException {
    Value all = evaluate(policy(), credentialsRef, ObjectValue.EMPTY).orElse(ObjectValue.EMPTY);
    if (!(all instanceof ObjectValue users)) {
      throw new AuthnPolicyException(
          credentialsRef + " is a " + all.typeName() + ", not an object");
    }
    Value entry = users.get(user);
    if (entry == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CredentialParser.parse(user, entry, credentialsRef + "[" + user + "]"));
    } catch (CredentialFormatException e) {
      throw new AuthnPolicyException(e.getMessage(), e);
    }
  }

  /**
   * Groups and roles the bundle assigns to a principal, keyed as {@code Type:name} (such as {@code
   * User:alice}); none when it names none.
   */
  public Attributes attributes(String principal) throws AuthnPolicyException {
    Value all = evaluate(policy(), principalsRef, ObjectValue.EMPTY).orElse(ObjectValue.EMPTY);
    if (!(all instanceof ObjectValue principals)
        || !(principals.get(principal) instanceof ObjectValue entry)) {
      return Attributes.NONE;
    }
    return new Attributes(
        Memberships.strings(entry.get("groups")), Memberships.strings(entry.get("roles")));
  }

  /** Asks the policy whether the client described by {@code input} may connect. */
  public Decision decide(ObjectValue input) throws AuthnPolicyException {
    Policy policy = policy();
    Optional<Value> result = evaluate(policy, query, input);
    if (result.isEmpty()) {
      return new Decision(false, query + " is undefined", rules(policy, input), policy.revision());
    }
    if (!(result.get() instanceof BooleanValue b)) {
      throw new AuthnPolicyException(
          query + " is a " + result.get().typeName() + ", not a boolean");
    }
    return b.value()
        ? new Decision(true, "", List.of(), policy.revision())
        : new Decision(false, query + " is false", rules(policy, input), policy.revision());
  }

  /** The policy's reasons for refusing an input, sorted; none when it gives none. */
  private List<String> rules(Policy policy, ObjectValue input) throws AuthnPolicyException {
    return evaluate(policy, reasonsRef, input)
        .map(reasons -> Memberships.strings(reasons).stream().sorted().toList())
        .orElse(List.of());
  }

  private Policy policy() throws AuthnPolicyException {
    return engine.current().orElseThrow(() -> new AuthnPolicyException("no policy in force"));
  }

  private static Optional<Value> evaluate(Policy policy, String ref, Value input)
      throws AuthnPolicyException {
    try {
      return policy.evaluate(ref, input);
    } catch (PolicyException e) {
      throw new AuthnPolicyException(e.getMessage(), e);
    }
  }
}
