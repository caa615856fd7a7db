package dev.regard.runtime;

import dev.regard.kafka.authorizer.Engines;
import dev.regard.kafka.authorizer.config.AuthorizerConfig;
import dev.regard.kafka.authorizer.engine.EmbeddedEngine;
import dev.regard.kafka.bundle.Bundle;
import dev.regard.kafka.bundle.BundleException;
import dev.regard.kafka.bundle.BundleFiles;
import dev.regard.kafka.bundle.BundleReader;
import dev.regard.kafka.bundle.BundleSource;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads, verifies and compiles the policy bundle exactly as the authorizer will, before Kafka
 * starts. Kafka waits for its authorizer without a time limit, so a bundle that cannot load would
 * otherwise leave a broker that never serves; this check turns it into a clear error instead.
 */
final class BundlePreflight {
  private BundlePreflight() {}

  /**
   * Checks the bundle the broker configuration names; does nothing when the Regard authorizer is
   * not configured or decisions come from an OPA server.
   *
   * @return the revision that will come into force, or empty when nothing was checked
   */
  static Optional<String> check(Map<String, String> brokerConfig) {
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
              + e.getMessage()
              + ". Fix: correct the regard.* setting in your configuration file or --set option.",
          e);
    }
    if (!config.getString(AuthorizerConfig.ENGINE).equals(AuthorizerConfig.ENGINE_EMBEDDED)) {
      return Optional.empty();
    }
    try (BundleSource source = Engines.bundleSource(config)) {
      Optional<BundleFiles> files = source.fetch();
      if (files.isEmpty()) {
        throw new BundleException("the source holds no bundle");
      }
      Bundle bundle = new BundleReader(Engines.bundleVerifier(config)).read(files.get());
      EmbeddedEngine.compile(
          bundle, Engines.evalLimits(config), config.getBoolean(AuthorizerConfig.BUNDLE_RUN_TESTS));
      return Optional.of(bundle.revision());
    } catch (BundleException | RuntimeException e) {
      throw new RuntimeFailure(
          "the policy bundle from "
              + describe(config)
              + " cannot be loaded: "
              + e.getMessage()
              + ". Fix: correct the bundle, or point the runtime at a valid one (--bundle-dir,"
              + " --bundle-file, --bundle-url, --bundle-git). Kafka was not started.",
          e);
    }
  }

  /** The source for messages; credentials in a URL's user-info are hidden. */
  private static String describe(AuthorizerConfig config) {
    String kind = config.getString(AuthorizerConfig.BUNDLE_SOURCE);
    String where =
        kind.equals("http") || kind.equals("git")
            ? config.getString(AuthorizerConfig.BUNDLE_URL).replaceAll("//[^/@]*@", "//***@")
            : config.getString(AuthorizerConfig.BUNDLE_PATH);
    return kind + " " + where;
  }
}
