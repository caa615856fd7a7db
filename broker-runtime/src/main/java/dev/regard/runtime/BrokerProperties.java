package dev.regard.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * The Kafka configuration of the runtime's combined broker and controller: a SASL_SSL client
 * listener whose SCRAM-SHA-512 and PLAIN logins Regard's callback handlers check against the policy
 * bundle (and OAUTHBEARER tokens against a JWKS endpoint, when one is configured), a mutual-TLS
 * controller listener on loopback, no PLAINTEXT listener, Regard's principal builder and authorizer
 * on both roles, and the hardened defaults.
 */
public final class BrokerProperties {
  /** The authorizer class from the Kafka plugin. */
  public static final String AUTHORIZER_CLASS = "dev.regard.kafka.authz.RegardAuthorizer";

  /** The principal builder from the Kafka plugin. */
  public static final String PRINCIPAL_BUILDER_CLASS =
      "dev.regard.kafka.authn.RegardPrincipalBuilder";

  /** The SCRAM callback handler from the Kafka plugin. */
  public static final String SCRAM_HANDLER_CLASS = "dev.regard.kafka.authn.ScramCallbackHandler";

  /** The PLAIN callback handler from the Kafka plugin. */
  public static final String PLAIN_HANDLER_CLASS = "dev.regard.kafka.authn.PlainCallbackHandler";

  /** The OAUTHBEARER callback handler from the Kafka plugin. */
  public static final String OAUTH_HANDLER_CLASS =
      "dev.regard.kafka.authn.OAuthBearerCallbackHandler";

  /** The setting whose presence enables OAUTHBEARER on the client listener. */
  public static final String JWKS_URL = "regard.authn.oauth.jwks.url";

  static final int NODE_ID = 1;
  static final String CLIENT_LISTENER = "SASL_SSL";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  private BrokerProperties() {}

  public static Map<String, String> build(
      BrokerSettings settings, DevCertificateAuthority tls, DemoIdentities identities) {
    Map<String, String> p = new TreeMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + settings.controllerPort());
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put(
        "listeners",
        CLIENT_LISTENER
            + "://"
            + settings.host()
            + ":"
            + settings.port()
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + settings.controllerPort());
    p.put("advertised.listeners", CLIENT_LISTENER + "://" + settings.bootstrap());
    p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SSL");
    p.put("inter.broker.listener.name", CLIENT_LISTENER);
    p.put("log.dirs", settings.layout().dataDir().toString());

    // TLS everywhere; the controller listener also requires a client certificate.
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", tls.brokerKeystore().toString());
    p.put("ssl.keystore.password", tls.keystorePassword());
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.location", tls.truststore().toString());
    p.put("ssl.truststore.password", tls.truststorePassword());
    p.put("listener.name.controller.ssl.client.auth", "required");

    // Authentication by policy: Regard's callback handlers serve SCRAM-SHA-512 and PLAIN from the
    // bundle's data.kafka.credentials, and Regard's principal builder asks the bundle's
    // authentication policy about every connection, the controller's included.
    boolean oauth = !settings.overrides().getOrDefault(JWKS_URL, "").isBlank();
    p.put(
        "sasl.enabled.mechanisms",
        DemoIdentities.MECHANISM + ",PLAIN" + (oauth ? ",OAUTHBEARER" : ""));
    p.put("sasl.mechanism.inter.broker.protocol", DemoIdentities.MECHANISM);
    String scram = "listener.name.sasl_ssl." + DemoIdentities.MECHANISM.toLowerCase() + ".";
    p.put(scram + "sasl.server.callback.handler.class", SCRAM_HANDLER_CLASS);
    // The broker's own login, for inter-broker traffic on this listener.
    p.put(scram + "sasl.jaas.config", identities.jaasConfig(DemoIdentities.BROKER));
    p.put("listener.name.sasl_ssl.plain.sasl.server.callback.handler.class", PLAIN_HANDLER_CLASS);
    p.put(
        "listener.name.sasl_ssl.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required;");
    if (oauth) {
      // Tokens verified with the keys of this one JWKS endpoint (issuer and audience from the
      // regard.authn.oauth.* settings), then admitted or refused by the authentication policy.
      p.put(
          "listener.name.sasl_ssl.oauthbearer.sasl.server.callback.handler.class",
          OAUTH_HANDLER_CLASS);
      p.put(
          "listener.name.sasl_ssl.oauthbearer.sasl.jaas.config",
          "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
      p.put("regard.authn.oauth.jwks.allowed.urls", settings.overrides().get(JWKS_URL));
    }

    // Authorization by policy, on the broker and the controller.
    p.put(
        "super.users",
        "User:"
            + DemoIdentities.BROKER.name()
            + ";User:"
            + DevCertificateAuthority.subject(settings.host()));
    p.putAll(policySettings(settings));

    // A single node: internal topics cannot have more than one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");

    p.putAll(HardenedDefaults.settings());
    p.putAll(settings.overrides());
    return p;
  }

  /**
   * The settings that choose and configure the policy plugins: the Regard authorizer and principal
   * builder with the bundle source, then the overrides (which may name other plugins or add
   * regard.* keys).
   */
  public static Map<String, String> policySettings(BrokerSettings settings) {
    Map<String, String> p = new TreeMap<>();
    p.put("authorizer.class.name", AUTHORIZER_CLASS);
    p.put("principal.builder.class", PRINCIPAL_BUILDER_CLASS);
    p.putAll(settings.bundle().settings(settings.pollIntervalMs()));
    p.putAll(settings.overrides());
    return p;
  }
}
