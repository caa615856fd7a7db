package dev.regard.kafka.engine;

import dev.regard.kafka.bundle.BundleReader;
import dev.regard.kafka.bundle.BundleSource;
import dev.regard.kafka.bundle.BundleVerifier;
import dev.regard.kafka.bundle.DirectoryBundleSource;
import dev.regard.kafka.bundle.GitBundleSource;
import dev.regard.kafka.bundle.HttpBundleSource;
import dev.regard.kafka.bundle.TarballBundleSource;
import dev.regard.kafka.credentials.CredentialCheckingSource;
import dev.regard.rego.EvalLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * Builds the policy engine the configuration asks for, and the parts of it that a launcher may also
 * want to check before the broker starts.
 */
public final class Engines {
  private Engines() {}

  /** The engine for this configuration, not yet started. */
  public static PolicyEngine create(AuthorizerConfig config, Clock clock) {
    if (config.getString(AuthorizerConfig.ENGINE).equals(AuthorizerConfig.ENGINE_OPA_SERVER)) {
      return new OpaServerEngine(
          URI.create(config.getString(AuthorizerConfig.OPA_URL)),
          Duration.ofMillis(config.getLong(AuthorizerConfig.OPA_TIMEOUT_MS)),
          clock);
    }
    Duration poll = Duration.ofMillis(config.getLong(AuthorizerConfig.BUNDLE_POLL_INTERVAL_MS));
    BundleReader reader = new BundleReader(bundleVerifier(config));
    // A bundle whose credentials are unsound (plaintext passwords, weak hashes) never comes into
    // force, whether authentication or authorization reads it.
    return new EmbeddedEngine(
        new CredentialCheckingSource(bundleSource(config), reader),
        reader,
        poll,
        clock,
        evalLimits(config),
        config.getBoolean(AuthorizerConfig.BUNDLE_RUN_TESTS));
  }

  /** The signature check the configuration asks for; empty when no key is configured. */
  public static Optional<BundleVerifier> bundleVerifier(AuthorizerConfig config) {
    Password key = config.getPassword(AuthorizerConfig.BUNDLE_VERIFICATION_KEY);
    return key == null
        ? Optional.empty()
        : Optional.of(
            BundleVerifier.of(
                config.getString(AuthorizerConfig.BUNDLE_VERIFICATION_ALGORITHM), key.value()));
  }

  /** The per-query evaluation deadline and step budget. */
  public static EvalLimits evalLimits(AuthorizerConfig config) {
    return new EvalLimits(
        Duration.ofMillis(config.getLong(AuthorizerConfig.EVAL_TIMEOUT_MS)),
        config.getLong(AuthorizerConfig.EVAL_MAX_STEPS));
  }

  /** The bundle source the configuration names; the caller closes it. */
  public static BundleSource bundleSource(AuthorizerConfig config) {
    long maxBytes = config.getLong(AuthorizerConfig.BUNDLE_MAX_BYTES);
    Duration timeout = Duration.ofMillis(config.getLong(AuthorizerConfig.BUNDLE_FETCH_TIMEOUT_MS));
    String path = config.getString(AuthorizerConfig.BUNDLE_PATH);
    String url = config.getString(AuthorizerConfig.BUNDLE_URL);
    return switch (config.getString(AuthorizerConfig.BUNDLE_SOURCE)) {
      case "dir" -> new DirectoryBundleSource(Path.of(path), maxBytes);
      case "tarball" -> new TarballBundleSource(Path.of(path), maxBytes);
      case "http" -> {
        Password token = config.getPassword(AuthorizerConfig.BUNDLE_HTTP_TOKEN);
        yield new HttpBundleSource(
            URI.create(url), timeout, maxBytes, token == null ? null : token.value());
      }
      case "git" ->
          new GitBundleSource(
              url,
              config.getString(AuthorizerConfig.BUNDLE_GIT_REF),
              config.getString(AuthorizerConfig.BUNDLE_GIT_PATH),
              timeout,
              maxBytes);
      default -> throw new IllegalStateException("validated by ConfigDef");
    };
  }
}
