package dev.regard.kafka.authn;

import dev.regard.kafka.authz.RegardAuthorizer;
import dev.regard.testing.KraftCluster;
import dev.regard.testing.TestTls;
import dev.regard.testing.TokenLoginHandler;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The KRaft node the authentication tests run against, every authentication going through Regard:
 * the broker listens on EXTERNAL (SASL_SSL) and INSECURE (SASL_PLAINTEXT), each offering PLAIN,
 * SCRAM-SHA-512 and OAUTHBEARER with Regard's handlers; the controller listener (SASL_PLAINTEXT)
 * offers SCRAM-SHA-512, which the broker uses as user "admin". Principals come from Regard's
 * principal builder and decisions from the Regard authorizer.
 */
final class AuthnCluster {
  static final String EXTERNAL = "EXTERNAL";
  static final String INSECURE = "INSECURE";
  static final String CONTROLLER = KraftCluster.CONTROLLER;
  static final String ADMIN_PASSWORD = "admin-secret";
  private static final String[] MECHANISMS = {"PLAIN", "SCRAM-SHA-512", "OAUTHBEARER"};

  private AuthnCluster() {}

  static KraftCluster start(Path dir, Map<String, String> regardConfig) throws Exception {
    return KraftCluster.builder(dir)
        .listener(EXTERNAL, "SASL_SSL", MECHANISMS)
        .listener(INSECURE, "SASL_PLAINTEXT", MECHANISMS)
        .controllerListener("SASL_PLAINTEXT", "SCRAM-SHA-512")
        .interBrokerMechanism("SCRAM-SHA-512")
        .internalUser("admin", ADMIN_PASSWORD)
        .callbackHandler("PLAIN", PlainCallbackHandler.class.getName())
        .callbackHandler("SCRAM-SHA-512", ScramCallbackHandler.class.getName())
        .callbackHandler("OAUTHBEARER", OAuthBearerCallbackHandler.class.getName())
        .tls(TestTls.create(dir))
        .set("authorizer.class.name", RegardAuthorizer.class.getName())
        .set("principal.builder.class", RegardPrincipalBuilder.class.getName())
        // INSECURE offers PLAIN so that tests can show it refused there without a password check.
        .set("regard.authn.plain.cleartext.enabled", "true")
        .set(regardConfig)
        .start();
  }

  /** An OAUTHBEARER client presenting {@code token}, with an optional SASL extension. */
  static Admin oauth(KraftCluster cluster, String listener, String token, String extension) {
    Map<String, Object> config =
        cluster.client(
            listener,
            "OAUTHBEARER",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required token=\""
                + token
                + "\""
                + (extension == null
                    ? ""
                    : " extension.name=\"" + extension + "\" extension.value=\"x\"")
                + ";");
    config.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, TokenLoginHandler.class.getName());
    return Admin.create(config);
  }
}
