package dev.regard.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;

/**
 * A client login handler that presents the token given in its JAAS options ({@code token}) and,
 * when given, one SASL extension ({@code extension.name}, {@code extension.value}).
 */
public final class TokenLoginHandler implements AuthenticateCallbackHandler {
  private String token;
  private Map<String, String> extensions = Map.of();

  @Override
  public void configure(
      Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> entries) {
    Map<String, ?> options = entries.get(0).getOptions();
    token = (String) options.get("token");
    if (options.get("extension.name") instanceof String name) {
      extensions = Map.of(name, (String) options.get("extension.value"));
    }
  }

  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    for (Callback callback : callbacks) {
      if (callback instanceof OAuthBearerTokenCallback tokenCallback) {
        tokenCallback.token(new ClientToken(token));
      } else if (callback instanceof SaslExtensionsCallback extensionsCallback) {
        extensionsCallback.extensions(new SaslExtensions(extensions));
      } else {
        throw new UnsupportedCallbackException(callback);
      }
    }
  }

  @Override
  public void close() {}

  private record ClientToken(String value) implements OAuthBearerToken {
    @Override
    public Set<String> scope() {
      return Set.of();
    }

    @Override
    public long lifetimeMs() {
      return System.currentTimeMillis() + 600_000;
    }

    @Override
    public String principalName() {
      return "client";
    }

    @Override
    public Long startTimeMs() {
      return null;
    }
  }
}
