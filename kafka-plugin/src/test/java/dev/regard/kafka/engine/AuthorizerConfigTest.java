package dev.regard.kafka.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AuthorizerConfigTest {
  @Test
  void defaultsAreTheEmbeddedEngineAndTheAllowRule() {
    AuthorizerConfig config = new AuthorizerConfig(Map.of());
    assertThat(config.getString(AuthorizerConfig.ENGINE)).isEqualTo("embedded");
    assertThat(config.getString(AuthorizerConfig.AUTHZ_QUERY)).isEqualTo("data.kafka.authz.allow");
    assertThat(config.getLong(AuthorizerConfig.CACHE_MAX_ENTRIES)).isEqualTo(50_000L);
    assertThat(config.getDouble(AuthorizerConfig.DECISION_LOG_ALLOW_SAMPLE_RATE)).isEqualTo(0.0);
    assertThat(config.getList(AuthorizerConfig.SUPER_USERS)).isEmpty();
  }

  @Test
  void superUsersAreSeparatedBySemicolonsAsInKafka() {
    AuthorizerConfig config = new AuthorizerConfig(Map.of("super.users", "User:admin; User:ops ;"));
    assertThat(config.getList(AuthorizerConfig.SUPER_USERS))
        .containsExactly("User:admin", "User:ops");
  }

  @Test
  void valuesAreValidated() {
    assertThatThrownBy(() -> new AuthorizerConfig(Map.of("regard.engine", "wasm")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("regard.engine");
    assertThatThrownBy(
            () -> new AuthorizerConfig(Map.of("regard.authz.query", "kafka/authz/allow")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("data reference");
    assertThatThrownBy(
            () -> new AuthorizerConfig(Map.of("regard.decision.log.allow.sample.rate", "1.5")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new AuthorizerConfig(Map.of("regard.cache.ttl.ms", "soon")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void theEmbeddedEngineNeedsABundleLocation() {
    assertThatThrownBy(() -> new AuthorizerConfig(Map.of()).validateCombination())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("regard.bundle.path");
    assertThatThrownBy(
            () -> new AuthorizerConfig(Map.of("regard.bundle.source", "git")).validateCombination())
        .hasMessageContaining("regard.bundle.url");
    new AuthorizerConfig(Map.of("regard.bundle.path", "/etc/bundle")).validateCombination();
    new AuthorizerConfig(Map.of("regard.engine", "opa-server")).validateCombination();
  }

  @Test
  void opaKafkaPluginKeysAreAliases() {
    AuthorizerConfig config =
        new AuthorizerConfig(
            Map.of(
                "opa.authorizer.url", "http://opa:8181/v1/data/kafka/authz/allow",
                "opa.authorizer.cache.maximum.size", "123",
                "opa.authorizer.cache.initial.capacity", "7",
                "opa.authorizer.cache.expire.after.seconds", "60",
                "opa.authorizer.allow.on.error", "false"));
    assertThat(config.getString(AuthorizerConfig.ENGINE)).isEqualTo("opa-server");
    assertThat(config.getString(AuthorizerConfig.OPA_URL)).isEqualTo("http://opa:8181");
    assertThat(config.getString(AuthorizerConfig.AUTHZ_QUERY)).isEqualTo("data.kafka.authz.allow");
    assertThat(config.getLong(AuthorizerConfig.CACHE_MAX_ENTRIES)).isEqualTo(123L);
    assertThat(config.getInt(AuthorizerConfig.CACHE_INITIAL_CAPACITY)).isEqualTo(7);
    assertThat(config.getLong(AuthorizerConfig.CACHE_TTL_MS)).isEqualTo(60_000L);
    assertThat(
            new AuthorizerConfig(Map.of("opa.authorizer.cache.expire.after.ms", "5000"))
                .getLong(AuthorizerConfig.CACHE_TTL_MS))
        .isEqualTo(5_000L);
  }

  @Test
  void failOpenIsRefused() {
    assertThatThrownBy(() -> new AuthorizerConfig(Map.of("opa.authorizer.allow.on.error", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("opa.authorizer.allow.on.error")
        .hasMessageContaining("fail-open is not supported");
  }

  @Test
  void anAliasThatContradictsItsKeyIsRefused() {
    assertThatThrownBy(
            () ->
                new AuthorizerConfig(
                    Map.of(
                        "opa.authorizer.cache.maximum.size",
                        "10",
                        "regard.cache.max.entries",
                        "20")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("conflicts with regard.cache.max.entries");
    assertThatThrownBy(
            () ->
                new AuthorizerConfig(
                    Map.of(
                        "opa.authorizer.url", "http://opa:8181/v1/data/kafka/authz/allow",
                        "regard.engine", "embedded")))
        .hasMessageContaining("conflicts with regard.engine");
    assertThatThrownBy(() -> new AuthorizerConfig(Map.of("opa.authorizer.url", "http://opa:8181/")))
        .hasMessageContaining("URL of a rule");
  }

  @Test
  void theVerificationKeyIsHiddenFromToString() {
    AuthorizerConfig config =
        new AuthorizerConfig(Map.of("regard.bundle.verification.key", "s3cret-shared-key"));
    assertThat(config.toString()).doesNotContain("s3cret-shared-key");
    assertThat(config.values().toString()).doesNotContain("s3cret-shared-key");
    assertThat(List.of(config.getPassword("regard.bundle.verification.key").value()))
        .containsExactly("s3cret-shared-key");
  }
}
