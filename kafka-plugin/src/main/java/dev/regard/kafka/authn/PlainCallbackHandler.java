package dev.regard.kafka.authn;

import dev.regard.kafka.authn.policy.AuthnPolicyException;
import dev.regard.kafka.credentials.Pbkdf2Hash;
import dev.regard.kafka.credentials.UserCredentials;
import java.util.List;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;

/**
 * Checks SASL/PLAIN passwords against the PBKDF2 hashes in the policy bundle. Configure with {@code
 * listener.name.<listener>.plain.sasl.server.callback.handler.class}. A refusal leaves the callback
 * unauthenticated, so Kafka fails the authentication and delays its answer as for any wrong
 * password.
 */
public final class PlainCallbackHandler extends PolicyCallbackHandler {
  static final int MAX_USER_CHARS = 1024;
  static final int MAX_PASSWORD_CHARS = 4096;

  /** Spent on unknown users too, so timing does not tell which users exist. */
  private static final Pbkdf2Hash DECOY =
      new Pbkdf2Hash(
          new byte[Pbkdf2Hash.MIN_SALT_BYTES],
          Pbkdf2Hash.DEFAULT_ITERATIONS,
          new byte[Pbkdf2Hash.HASH_BYTES]);

  @Override
  List<String> mechanisms() {
    return List.of("PLAIN");
  }

  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    String user = null;
    PlainAuthenticateCallback authenticate = null;
    for (Callback callback : callbacks) {
      if (callback instanceof NameCallback name) {
        user = name.getDefaultName();
      } else if (callback instanceof PlainAuthenticateCallback plain) {
        authenticate = plain;
      } else {
        throw new UnsupportedCallbackException(callback);
      }
    }
    if (authenticate == null) {
      return;
    }
    authenticate.authenticated(verify(user, authenticate.password()));
  }

  private boolean verify(String user, char[] password) {
    if (user == null || user.isEmpty() || user.length() > MAX_USER_CHARS) {
      refuse(user, "malformed", "user name empty or longer than " + MAX_USER_CHARS);
      return false;
    }
    if (password == null || password.length > MAX_PASSWORD_CHARS) {
      refuse(user, "malformed", "password missing or longer than " + MAX_PASSWORD_CHARS);
      return false;
    }
    Optional<Pbkdf2Hash> stored;
    try {
      stored = policy().credentials(user).flatMap(UserCredentials::plain);
    } catch (AuthnPolicyException e) {
      DECOY.matches(password);
      refuse(user, "policy-error", e.getMessage());
      return false;
    }
    if (stored.isEmpty()) {
      DECOY.matches(password);
      refuse(user, "unknown-user", "no PLAIN credential for this user in the bundle");
      return false;
    }
    if (!stored.get().matches(password)) {
      refuse(user, "bad-credentials", "wrong password");
      return false;
    }
    return true;
  }

  private void refuse(String user, String outcome, String reason) {
    AuthnFailures.record(mechanism(), user, "", "", outcome, reason);
  }
}
