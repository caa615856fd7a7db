package dev.regard.kafka.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;

/**
 * What a principal builder reads from the broker's settings. Kafka configures a new builder for
 * every connection, always with the same settings map of its listener, so each map is parsed once
 * and remembered by identity for as long as the listener holds it.
 */
record BuilderSettings(
    SslPrincipalMapper sslMapper,
    long readyTimeoutMs,
    String query,
    String credentialsRef,
    String principalsRef,
    String reasonsRef) {

  private static final Cache<Map<String, ?>, BuilderSettings> PARSED =
      Caffeine.newBuilder().weakKeys().build();

  static BuilderSettings of(Map<String, ?> configs) {
    return PARSED.get(configs, BuilderSettings::parse);
  }

  private static BuilderSettings parse(Map<String, ?> configs) {
    AuthnConfig config = new AuthnConfig(configs);
    return new BuilderSettings(
        SslPrincipalMapper.fromRules(config.getString(AuthnConfig.SSL_PRINCIPAL_MAPPING_RULES)),
        config.getLong(AuthnConfig.READY_TIMEOUT_MS),
        config.getString(AuthnConfig.QUERY),
        config.getString(AuthnConfig.CREDENTIALS_REF),
        config.getString(AuthnConfig.PRINCIPALS_REF),
        config.getString(AuthnConfig.REASONS_REF));
  }
}
