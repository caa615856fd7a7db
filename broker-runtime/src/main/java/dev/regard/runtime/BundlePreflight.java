package dev.regard.runtime;

import dev.regard.kafka.authn.AuthnConfig;
import dev.regard.kafka.bundle.BundleWatcher;
import dev.regard.kafka.bundle.Redact;
import dev.regard.kafka.engine.AuthorizerConfig;
import dev.regard.kafka.engine.Engines;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.RegoException;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Fetches, reads, verifies and admits the policy bundle through the broker's own load path (the
 * same reader and activation gate, credential check included), before Kafka starts. Kafka waits for
 * its authorizer without a time limit, so a bundle that cannot load would otherwise leave a broker
 * that never serves; this check turns it into a clear error instead.
 */
final class BundlePreflight {
  private BundlePreflight() {}

  /**
   * Checks the bundle the broker configuration names; does nothing when the Regard authorizer is
   * not configured or decisions come from an OPA server. With Regard's principal builder, also
   * checks that the authentication policy admits the node's own controller connection, without
   * which Kafka would wait for its controller forever.
   *
   * @param nodeCertificateName the distinguished name of the node's TLS certificate
   * @return the revision that will come into force, or empty when nothing was checked
   */
  static Optional<String> check(Map<String, String> brokerConfig, String nodeCertificateName) {
    if (!BrokerProperties.AUTHORIZER_CLASS.equals(brokerConfig.get("authorizer.class.name"))) {
      return Optional.empty();
    }
    AuthorizerConfig config;
    try {
      config = new AuthorizerConfig(brokerConfig);
      config.validateCombination();
    } catch (ConfigException e) {
      throw new RuntimeFailure(
          "the authorizer configuration is invalid: "
              + Redact.text(e.getMessage())
              + ". Fix: correct the regard.* setting in your configuration file or --set option.",
          e);
    }
    if (!config.getString(AuthorizerConfig.ENGINE).equals(AuthorizerConfig.ENGINE_EMBEDDED)) {
      return Optional.empty();
    }
    BundleWatcher.Loaded<CompiledPolicy> loaded;
    try {
      loaded = Engines.loadOnce(config);
    } catch (RuntimeException e) {
      throw new RuntimeFailure(
          "the policy bundle from "
              + describe(config)
              + " cannot be loaded: "
              + Redact.text(e.getMessage())
              + ". Fix: correct the bundle, or point the runtime at a valid one (--bundle-dir,"
              + " --bundle-file, --bundle-url, --bundle-git). Kafka was not started.",
          e);
    }
    CompiledPolicy policy = loaded.compiled();
    if (BrokerProperties.PRINCIPAL_BUILDER_CLASS.equals(
        brokerConfig.get("principal.builder.class"))) {
      requireControllerAdmitted(policy, brokerConfig, nodeCertificateName, describe(config));
    }
    return Optional.of(loaded.revision());
  }

  /**
   * Asks the authentication policy about the connection the node makes to its own controller
   * listener: TLS with the node's certificate, no SASL mechanism.
   */
  private static void requireControllerAdmitted(
      CompiledPolicy policy, Map<String, String> brokerConfig, String certName, String source) {
    String query = new AuthnConfig(brokerConfig).getString(AuthnConfig.QUERY);
    ObjectValue input =
        ObjectValue.builder()
            .put("mechanism", StringValue.of(""))
            .put("user", StringValue.of(certName))
            .put("claims", ObjectValue.EMPTY)
            .put("listener", StringValue.of(BrokerProperties.CONTROLLER_LISTENER))
            .put("securityProtocol", StringValue.of("SSL"))
            .put(
                "client", ObjectValue.builder().put("address", StringValue.of("127.0.0.1")).build())
            .put(
                "tls",
                ObjectValue.builder()
                    .put("protocol", StringValue.of("TLSv1.3"))
                    .put("cipherSuite", StringValue.of(""))
                    .put("peerPrincipal", StringValue.of(certName))
                    .build())
            .build();
    String outcome;
    try {
      Optional<Value> decision = policy.evaluate(query, input);
      if (decision.equals(Optional.of(BooleanValue.TRUE))) {
        return;
      }
      outcome = " is not true";
    } catch (RegoException e) {
      outcome = " fails (" + e.getMessage() + ")";
    }
    throw new RuntimeFailure(
        "the policy bundle from "
            + source
            + " refuses the node's own connection to its controller listener ("
            + query
            + outcome
            + " for listener "
            + BrokerProperties.CONTROLLER_LISTENER
            + ", a TLS client certificate "
            + certName
            + "), so Kafka could never start. Fix: list the listener under"
            + " data.kafka.authn.listeners, as kafka/authn/listeners/"
            + BrokerProperties.CONTROLLER_LISTENER
            + "/data.json with {\"mechanisms\": [\"SSL\"]} (the runtime's run/bundle has it)."
            + " Kafka was not started.");
  }

  /** The source for messages, redacted: no user-info, query string or token. */
  private static String describe(AuthorizerConfig config) {
    String kind = config.getString(AuthorizerConfig.BUNDLE_SOURCE);
    String where =
        kind.equals("http") || kind.equals("git")
            ? Redact.url(config.getString(AuthorizerConfig.BUNDLE_URL))
            : config.getString(AuthorizerConfig.BUNDLE_PATH);
    return kind + " " + where;
  }
}
