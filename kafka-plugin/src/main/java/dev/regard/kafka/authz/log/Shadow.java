package dev.regard.kafka.authz.log;

import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;

/**
 * A disagreement between the policy and the delegate authorizer.
 *
 * @param mode who decided: "shadow" (the delegate) or "enforce" (the policy)
 * @param policyAllowed the policy's answer
 * @param delegateAllowed the delegate's answer
 */
public record Shadow(String mode, boolean policyAllowed, boolean delegateAllowed) {

  /** Both outcomes and the one returned, as logged. */
  public ObjectValue value() {
    boolean decided = mode.equals("shadow") ? delegateAllowed : policyAllowed;
    return ObjectValue.builder()
        .put("mode", StringValue.of(mode))
        .put("policy", StringValue.of(outcome(policyAllowed)))
        .put("delegate", StringValue.of(outcome(delegateAllowed)))
        .put("decided", StringValue.of(outcome(decided)))
        .build();
  }

  private static String outcome(boolean allowed) {
    return allowed ? "ALLOWED" : "DENIED";
  }
}
