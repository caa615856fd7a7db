package dev.regard.kafka.authn;

import dev.regard.kafka.authn.policy.AuthnPolicyException;
import dev.regard.kafka.credentials.UserCredentials;
import java.util.List;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.ScramCredentialCallback;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

/**
 * Answers SCRAM-SHA-256 and SCRAM-SHA-512 with the credentials stored in the policy bundle instead
 * of Kafka's metadata log. Kafka's SCRAM server then checks the client's proof; a user without a
 * credential is refused by it with Kafka's usual error and delay. Delegation tokens are not served.
 * Configuring this handler installs {@link ScramGuard} in front of Kafka's SCRAM server.
 */
public final class ScramCallbackHandler extends PolicyCallbackHandler {
  @Override
  void configure(AuthnConfig config) {
    ScramGuard.install();
  }

  @Override
  List<String> mechanisms() {
    return List.copyOf(ScramMechanism.mechanismNames());
  }

  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    String user = null;
    for (Callback callback : callbacks) {
      if (callback instanceof NameCallback name) {
        user = name.getDefaultName();
      } else if (callback instanceof ScramCredentialCallback scram) {
        scram.scramCredential(lookup(user).orElse(null));
      } else {
        throw new UnsupportedCallbackException(callback);
      }
    }
  }

  private Optional<ScramCredential> lookup(String user) {
    Optional<String> badName = PrincipalNames.problem(user);
    if (badName.isPresent()) {
      refuse(user, "malformed", "user " + badName.get());
      return Optional.empty();
    }
    ScramMechanism mechanism = ScramMechanism.forMechanismName(mechanism());
    try {
      Optional<ScramCredential> credential =
          policy().credentials(user).map(UserCredentials::scram).map(all -> all.get(mechanism));
      if (credential.isEmpty()) {
        refuse(
            user, "unknown-user", "no " + mechanism() + " credential for this user in the bundle");
      }
      return credential;
    } catch (AuthnPolicyException e) {
      refuse(user, "policy-error", e.getMessage());
      return Optional.empty();
    }
  }

  private void refuse(String user, String outcome, String reason) {
    AuthnFailures.record(mechanism(), user, "", "", outcome, reason);
  }
}
