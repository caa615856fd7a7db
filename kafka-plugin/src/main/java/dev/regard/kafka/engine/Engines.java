package dev.regard.kafka.engine;

import dev.regard.kafka.bundle.BundleFiles;
import dev.regard.kafka.bundle.BundleSource;
import dev.regard.kafka.bundle.BundleWatcher;
import dev.regard.kafka.bundle.DirectoryBundleSource;
import dev.regard.kafka.bundle.GitBundleSource;
import dev.regard.kafka.bundle.HttpBundleSource;
import dev.regard.kafka.bundle.TarballBundleSource;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.bundle.BundleException;
import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.bundle.VerificationConfig;
import dev.regard.rego.bundle.VerificationKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    return new EmbeddedEngine(
        bundleSource(config),
        bundleReader(config),
        ActivationGate.of(config),
        Duration.ofMillis(config.getLong(AuthorizerConfig.BUNDLE_POLL_INTERVAL_MS)),
        clock);
  }

  /**
   * Fetches, reads and admits the configured bundle once, exactly as the broker's watcher does, for
   * a launcher that checks the bundle before the broker starts.
   *
   * @throws BundleException naming the step, file, test or path that refused the bundle
   */
  public static BundleWatcher.Loaded<CompiledPolicy> loadOnce(AuthorizerConfig config) {
    try (BundleWatcher<CompiledPolicy> watcher =
        new BundleWatcher<>(
            bundleSource(config),
            bundleReader(config),
            ActivationGate.of(config),
            Duration.ofMillis(config.getLong(AuthorizerConfig.BUNDLE_POLL_INTERVAL_MS)),
            Clock.systemUTC())) {
      return watcher.load().orElseThrow(() -> new BundleException("the source holds no bundle"));
    }
  }

  /**
   * rego-engine's bundle reader with the configured size limit; when a verification key is
   * configured every bundle must carry a signature that verifies with it, and without one a signed
   * bundle is refused, since its signature could not be checked.
   */
  public static BundleReader bundleReader(AuthorizerConfig config) {
    BundleReader reader =
        BundleReader.create()
            .withLimits(BundleFiles.limits(config.getLong(AuthorizerConfig.BUNDLE_MAX_BYTES)));
    Password key = config.getPassword(AuthorizerConfig.BUNDLE_VERIFICATION_KEY);
    if (key == null) {
      return reader;
    }
    try {
      return reader.withVerification(
          VerificationConfig.of(
              "regard",
              new VerificationKey(
                  config.getString(AuthorizerConfig.BUNDLE_VERIFICATION_ALGORITHM),
                  key.value(),
                  null)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          AuthorizerConfig.BUNDLE_VERIFICATION_KEY + ": " + e.getMessage(), e);
    }
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
