package dev.regard.kafka.authn;

import dev.regard.kafka.authn.policy.AuthnPolicyException;
import dev.regard.kafka.credentials.Pbkdf2Hash;
import dev.regard.kafka.credentials.UserCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;

/**
 * Checks SASL/PLAIN passwords against the PBKDF2 hashes in the policy bundle. Configure with {@code
 * listener.name.<listener>.plain.sasl.server.callback.handler.class}. A refusal leaves the callback
 * unauthenticated, so Kafka fails the authentication and delays its answer as for any wrong
 * password.
 *
 * <p>PLAIN sends the password itself, so it is refused on a listener without TLS before the
 * password is looked at: a right and a wrong password get the same answer. Such a listener stops
 * the broker at start-up unless {@link AuthnConfig#PLAIN_CLEARTEXT_ENABLED} says it is meant.
 * Passwords are checked by {@link PasswordCheck}, which keeps wrong passwords from stalling Kafka's
 * network threads.
 */
public final class PlainCallbackHandler extends PolicyCallbackHandler {
  static final int MAX_PASSWORD_CHARS = 4096;
  private static final String TLS = "SASL_SSL";

  private PasswordCheck passwords;
  private boolean cleartextListeners;

  @Override
  List<String> mechanisms() {
    return List.of("PLAIN");
  }

  @Override
  void configure(AuthnConfig config) {
    List<String> cleartext = cleartextListeners(config.originals());
    cleartextListeners = !cleartext.isEmpty();
    if (cleartextListeners && !config.getBoolean(AuthnConfig.PLAIN_CLEARTEXT_ENABLED)) {
      throw new ConfigException(
          "Regard's PLAIN handler serves listener(s) "
              + cleartext
              + " without TLS, where passwords would cross the network in clear; use SASL_SSL,"
              + " or set "
              + AuthnConfig.PLAIN_CLEARTEXT_ENABLED
              + "=true to start anyway with every PLAIN login there refused");
    }
    passwords =
        new PasswordCheck(
            Clock.systemUTC(),
            System::nanoTime,
            config.getInt(AuthnConfig.PLAIN_REMEMBERED_MAX),
            Duration.ofMillis(config.getLong(AuthnConfig.PLAIN_REMEMBERED_MS)),
            config.getInt(AuthnConfig.PLAIN_USER_FAILURES_PER_MINUTE),
            config.getInt(AuthnConfig.PLAIN_FAILURE_HASHING_MS_PER_SECOND));
  }

  /**
   * The listeners whose PLAIN logins this handler class answers, PLAIN being enabled there, and
   * whose security protocol is not SASL_SSL.
   */
  static List<String> cleartextListeners(Map<String, ?> configs) {
    String suffix = ".plain.sasl.server.callback.handler.class";
    Map<String, String> protocols = protocolMap(configs.get("listener.security.protocol.map"));
    return configs.entrySet().stream()
        .filter(e -> e.getKey().startsWith("listener.name.") && e.getKey().endsWith(suffix))
        .filter(e -> className(e.getValue()).equals(PlainCallbackHandler.class.getName()))
        .map(
            e ->
                e.getKey()
                    .substring("listener.name.".length(), e.getKey().length() - suffix.length()))
        .filter(listener -> plainEnabled(configs, listener))
        .filter(
            listener ->
                !TLS.equals(protocols.getOrDefault(listener.toUpperCase(), listener.toUpperCase())))
        .sorted()
        .toList();
  }

  private static boolean plainEnabled(Map<String, ?> configs, String listener) {
    Object own = configs.get("listener.name." + listener + ".sasl.enabled.mechanisms");
    Object mechanisms = own != null ? own : configs.get("sasl.enabled.mechanisms");
    List<String> names =
        mechanisms instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of(String.valueOf(mechanisms == null ? "GSSAPI" : mechanisms).split(","));
    return names.stream().map(String::strip).anyMatch("PLAIN"::equals);
  }

  private static Map<String, String> protocolMap(Object value) {
    Map<String, String> map = new java.util.HashMap<>();
    if (value != null) {
      for (String pair : String.valueOf(value).split(",")) {
        String[] kv = pair.strip().split(":", 2);
        if (kv.length == 2) {
          map.put(kv[0].strip().toUpperCase(), kv[1].strip().toUpperCase());
        }
      }
    }
    return map;
  }

  private static String className(Object value) {
    return value instanceof Class<?> c ? c.getName() : String.valueOf(value).strip();
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
    String protocol = NetworkThreadListener.currentProtocol();
    if (!protocol.isEmpty() ? !TLS.equals(protocol) : cleartextListeners) {
      refuse(user, "cleartext", "PLAIN refused without TLS; the password was not checked");
      return false;
    }
    Optional<String> badName = PrincipalNames.problem(user);
    if (badName.isPresent()) {
      refuse(user, "malformed", "user " + badName.get());
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
      refuse(user, "policy-error", e.getMessage());
      return false;
    }
    return switch (passwords.check(user, stored, password)) {
      case RIGHT -> true;
      case WRONG -> {
        if (stored.isEmpty()) {
          refuse(user, "unknown-user", "no PLAIN credential for this user in the bundle");
        } else {
          refuse(user, "bad-credentials", "wrong password");
        }
        yield false;
      }
      case THROTTLED -> {
        refuse(
            user,
            "throttled",
            "too many wrong passwords lately; refused without checking the password");
        yield false;
      }
    };
  }

  private void refuse(String user, String outcome, String reason) {
    AuthnFailures.record(mechanism(), user, "", "", outcome, reason);
  }
}
