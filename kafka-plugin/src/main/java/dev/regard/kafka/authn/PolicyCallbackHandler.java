package dev.regard.kafka.authn;

import dev.regard.kafka.authn.policy.AuthnPolicy;
import dev.regard.kafka.engine.SharedEngines;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server callback handlers share: their settings and the shared policy engine whose bundle
 * holds credentials. Until a bundle is in force every authentication fails.
 */
abstract class PolicyCallbackHandler implements AuthenticateCallbackHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyCallbackHandler.class);

  private SharedEngines.Lease lease;
  private AuthnPolicy policy;
  private AuthnConfig config;
  private String mechanism;

  /** The mechanisms this handler serves. */
  abstract List<String> mechanisms();

  /** Mechanism-specific set-up once the shared settings are read. */
  void configure(AuthnConfig config) {}

  @Override
  public final void configure(
      Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
    if (!mechanisms().contains(saslMechanism)) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + " serves " + mechanisms() + ", not " + saslMechanism);
    }
    mechanism = saslMechanism;
    config = new AuthnConfig(configs);
    configure(config);
    lease = SharedEngines.acquire(configs);
    policy =
        new AuthnPolicy(
            lease.engine(),
            config.getString(AuthnConfig.QUERY),
            config.getString(AuthnConfig.CREDENTIALS_REF),
            config.getString(AuthnConfig.PRINCIPALS_REF),
            config.getString(AuthnConfig.REASONS_REF));
    awaitFirstBundle(config.getLong(AuthnConfig.READY_TIMEOUT_MS));
  }

  private void awaitFirstBundle(long timeoutMs) {
    if (!lease.awaitFirstBundle(timeoutMs)) {
      LOG.warn(
          "No policy bundle in force after {} ms: {} authentications fail until one is",
          timeoutMs,
          mechanism);
    }
  }

  final AuthnPolicy policy() {
    return policy;
  }

  final String mechanism() {
    return mechanism;
  }

  @Override
  public void close() {
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }
}
