package dev.regard.kafka.authn;

import dev.regard.kafka.authn.jwt.JwksKeys;
import dev.regard.kafka.authn.jwt.JwtValidationException;
import dev.regard.kafka.authn.jwt.JwtValidator;
import dev.regard.kafka.authn.jwt.ValidatedToken;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.jose4j.lang.JoseException;

/**
 * Validates OAUTHBEARER tokens (see {@link JwtValidator}) and the SASL extensions sent with them.
 * Configure with {@code listener.name.<listener>.oauthbearer.sasl.server.callback.handler.class}
 * and the {@code regard.authn.oauth.*} keys. A refused token answers {@code invalid_token}, which
 * Kafka turns into a failed authentication.
 */
public final class OAuthBearerCallbackHandler extends PolicyCallbackHandler {
  private JwtValidator validator;
  private Set<String> allowedExtensions = Set.of();

  @Override
  List<String> mechanisms() {
    return List.of("OAUTHBEARER");
  }

  @Override
  void configure(AuthnConfig config) {
    config.validateOAuth();
    String url = config.getString(AuthnConfig.JWKS_URL);
    JwksKeys keys;
    try {
      keys =
          JwksKeys.shared(
              config.getString(AuthnConfig.KEYS),
              new JwksKeys.Settings(
                  url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url)),
                  Duration.ofMillis(config.getLong(AuthnConfig.JWKS_REFRESH_MS)),
                  Duration.ofMillis(config.getLong(AuthnConfig.JWKS_MIN_REFRESH_INTERVAL_MS)),
                  Duration.ofMillis(config.getLong(AuthnConfig.JWKS_STALE_MAX_MS)),
                  Duration.ofMillis(config.getLong(AuthnConfig.JWKS_TIMEOUT_MS))));
    } catch (JoseException e) {
      throw new ConfigException(
          AuthnConfig.KEYS, "(not shown)", "not a usable JWKS: " + e.getMessage());
    }
    String issuer = config.getString(AuthnConfig.ISSUER);
    validator =
        new JwtValidator(
            new JwtValidator.Settings(
                config.getList(AuthnConfig.ALGORITHMS),
                issuer.isEmpty() ? Optional.empty() : Optional.of(issuer),
                config.getList(AuthnConfig.AUDIENCE),
                Duration.ofMillis(config.getLong(AuthnConfig.CLOCK_SKEW_MS)),
                config.getInt(AuthnConfig.MAX_TOKEN_BYTES),
                config.getString(AuthnConfig.PRINCIPAL_CLAIM),
                config.getString(AuthnConfig.GROUPS_CLAIM),
                config.getString(AuthnConfig.ROLES_CLAIM),
                config.getString(AuthnConfig.SCOPE_CLAIM),
                config.getInt(AuthnConfig.VERIFIED_TOKENS_MAX)),
            keys);
    allowedExtensions = Set.copyOf(config.getList(AuthnConfig.EXTENSIONS_ALLOWED));
  }

  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    for (Callback callback : callbacks) {
      if (callback instanceof OAuthBearerValidatorCallback token) {
        validate(token);
      } else if (callback instanceof OAuthBearerExtensionsValidatorCallback extensions) {
        validate(extensions);
      } else {
        throw new UnsupportedCallbackException(callback);
      }
    }
  }

  private void validate(OAuthBearerValidatorCallback callback) {
    try {
      ValidatedToken token = validator.validate(callback.tokenValue());
      Optional<String> badName = PrincipalNames.problem(token.principalName());
      if (badName.isPresent()) {
        AuthnFailures.record(
            mechanism(),
            token.principalName(),
            "",
            "",
            "malformed",
            "principal claim: " + badName.get());
        callback.error("invalid_token", null, null);
        return;
      }
      callback.token(token);
    } catch (JwtValidationException e) {
      AuthnFailures.record(mechanism(), null, "", "", "invalid-token", e.getMessage());
      callback.error("invalid_token", null, null);
    }
  }

  private void validate(OAuthBearerExtensionsValidatorCallback callback) {
    callback
        .inputExtensions()
        .map()
        .forEach(
            (name, value) -> {
              if (allowedExtensions.contains(name)) {
                callback.valid(name);
              } else {
                AuthnFailures.record(
                    mechanism(),
                    callback.token() == null ? null : callback.token().principalName(),
                    "",
                    "",
                    "invalid-extension",
                    "SASL extension " + AuthnFailures.printable(name) + " is not allowed");
                callback.error(name, "extension not allowed");
              }
            });
  }
}
