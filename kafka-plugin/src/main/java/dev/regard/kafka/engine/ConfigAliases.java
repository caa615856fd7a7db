package dev.regard.kafka.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates opa-kafka-plugin's keys into ours, so a broker configured for it can switch without
 * editing its properties. Its fail-open switch is refused: decisions here always fail closed.
 */
public final class ConfigAliases {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigAliases.class);

  /** An alias, the key it stands for, and how its value translates. */
  public record Alias(String alias, String key, String meaning, Function<String, String> convert) {}

  public static final String OPA_URL = "opa.authorizer.url";
  public static final String ALLOW_ON_ERROR = "opa.authorizer.allow.on.error";

  /** Aliases with a plain value translation. */
  public static final Map<String, Alias> ALIASES = new LinkedHashMap<>();

  static {
    add(
        "opa.authorizer.cache.maximum.size",
        AuthorizerConfig.CACHE_MAX_ENTRIES,
        "same value",
        v -> v);
    add(
        "opa.authorizer.cache.initial.capacity",
        AuthorizerConfig.CACHE_INITIAL_CAPACITY,
        "same value",
        v -> v);
    add(
        "opa.authorizer.cache.expire.after.ms",
        AuthorizerConfig.CACHE_TTL_MS,
        "same value",
        v -> v);
    add(
        "opa.authorizer.cache.expire.after.seconds",
        AuthorizerConfig.CACHE_TTL_MS,
        "seconds times 1000",
        v -> Long.toString(Long.parseLong(v.trim()) * 1000));
  }

  private static void add(String alias, String key, String meaning, Function<String, String> f) {
    ALIASES.put(alias, new Alias(alias, key, meaning, f));
  }

  private ConfigAliases() {}

  /** Returns the configs with every alias replaced by the key it stands for. */
  public static Map<String, Object> resolve(Map<String, ?> configs) {
    Map<String, Object> out = new HashMap<>(configs);
    Object allowOnError = configs.get(ALLOW_ON_ERROR);
    if (allowOnError != null && Boolean.parseBoolean(allowOnError.toString().trim())) {
      throw new ConfigException(
          ALLOW_ON_ERROR,
          allowOnError,
          "fail-open is not supported: a failed decision is always a deny; remove this setting");
    }
    for (Alias alias : ALIASES.values()) {
      Object value = configs.get(alias.alias());
      if (value != null) {
        String converted;
        try {
          converted = alias.convert().apply(value.toString());
        } catch (NumberFormatException e) {
          throw new ConfigException(alias.alias(), value, "not a number");
        }
        put(out, alias.alias(), alias.key(), converted);
      }
    }
    Object opaUrl = configs.get(OPA_URL);
    if (opaUrl != null) {
      String url = opaUrl.toString().trim();
      int at = url.indexOf("/v1/data/");
      if (at < 0) {
        throw new ConfigException(
            OPA_URL,
            opaUrl,
            "expected the URL of a rule, such as http://opa:8181/v1/data/kafka/authz/allow");
      }
      String query =
          "data."
              + url.substring(at + "/v1/data/".length()).replaceAll("/+$", "").replace('/', '.');
      put(out, OPA_URL, AuthorizerConfig.OPA_URL, url.substring(0, at));
      put(out, OPA_URL, AuthorizerConfig.AUTHZ_QUERY, query);
      put(out, OPA_URL, AuthorizerConfig.ENGINE, AuthorizerConfig.ENGINE_OPA_SERVER);
    }
    for (String key : configs.keySet()) {
      if (key.startsWith("opa.authorizer.")
          && !key.equals(OPA_URL)
          && !key.equals(ALLOW_ON_ERROR)
          && !ALIASES.containsKey(key)) {
        LOG.warn("Ignoring {}: it has no equivalent here (see docs/configuration.md)", key);
      }
    }
    return out;
  }

  private static void put(Map<String, Object> out, String alias, String key, String value) {
    Object existing = out.get(key);
    if (existing != null && !Objects.equals(existing.toString().trim(), value)) {
      throw new ConfigException(
          alias, value, "conflicts with " + key + "=" + existing + "; set only one of them");
    }
    out.put(key, value);
  }
}
