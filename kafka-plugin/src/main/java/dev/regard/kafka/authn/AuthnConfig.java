package dev.regard.kafka.authn;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of the SASL callback handlers and the principal builder, read from the broker's
 * properties (listener-prefixed values, {@code listener.name.<listener>.regard.authn...}, apply to
 * one listener). The policy bundle itself is configured by the authorizer's {@code regard.engine}
 * and {@code regard.bundle.*} keys, so that one bundle decides both.
 */
public final class AuthnConfig extends AbstractConfig {
  public static final String QUERY = "regard.authn.query";
  public static final String CREDENTIALS_REF = "regard.authn.credentials.ref";
  public static final String PRINCIPALS_REF = "regard.authn.principals.ref";
  public static final String REASONS_REF = "regard.authn.reasons.ref";
  public static final String READY_TIMEOUT_MS = "regard.authn.ready.timeout.ms";
  public static final String PLAIN_CLEARTEXT_ENABLED = "regard.authn.plain.cleartext.enabled";
  public static final String PLAIN_REMEMBERED_MAX = "regard.authn.plain.remembered.max";
  public static final String PLAIN_REMEMBERED_MS = "regard.authn.plain.remembered.ms";
  public static final String PLAIN_USER_FAILURES_PER_MINUTE =
      "regard.authn.plain.user.failures.per.minute";
  public static final String PLAIN_FAILURE_HASHING_MS_PER_SECOND =
      "regard.authn.plain.failure.hashing.ms.per.second";
  public static final String JWKS_URL = "regard.authn.oauth.jwks.url";
  public static final String JWKS_ALLOWED_URLS = "regard.authn.oauth.jwks.allowed.urls";
  public static final String JWKS_REFRESH_MS = "regard.authn.oauth.jwks.refresh.ms";
  public static final String JWKS_MIN_REFRESH_INTERVAL_MS =
      "regard.authn.oauth.jwks.min.refresh.interval.ms";
  public static final String JWKS_STALE_MAX_MS = "regard.authn.oauth.jwks.stale.max.ms";
  public static final String JWKS_TIMEOUT_MS = "regard.authn.oauth.jwks.timeout.ms";
  public static final String KEYS = "regard.authn.oauth.keys";
  public static final String ALGORITHMS = "regard.authn.oauth.algorithms";
  public static final String ISSUER = "regard.authn.oauth.issuer";
  public static final String AUDIENCE = "regard.authn.oauth.audience";
  public static final String ISSUER_CHECK_WAIVED = "regard.authn.oauth.issuer.check.waived";
  public static final String AUDIENCE_CHECK_WAIVED = "regard.authn.oauth.audience.check.waived";
  public static final String CLOCK_SKEW_MS = "regard.authn.oauth.clock.skew.ms";
  public static final String MAX_TOKEN_BYTES = "regard.authn.oauth.max.token.bytes";
  public static final String VERIFIED_TOKENS_MAX = "regard.authn.oauth.verified.tokens.max";
  public static final String PRINCIPAL_CLAIM = "regard.authn.oauth.principal.claim";
  public static final String GROUPS_CLAIM = "regard.authn.oauth.groups.claim";
  public static final String ROLES_CLAIM = "regard.authn.oauth.roles.claim";
  public static final String SCOPE_CLAIM = "regard.authn.oauth.scope.claim";
  public static final String EXTENSIONS_ALLOWED = "regard.authn.oauth.extensions.allowed";

  /** Kafka's own setting, honoured for principals named from TLS client certificates. */
  public static final String SSL_PRINCIPAL_MAPPING_RULES = "ssl.principal.mapping.rules";

  /** Asymmetric algorithms only: {@code none} and HMAC cannot be configured. */
  public static final List<String> ASYMMETRIC_ALGORITHMS =
      List.of(
          "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

  private static final String REF_PATTERN = "data(\\.[A-Za-z_][A-Za-z0-9_]*)+";

  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              QUERY,
              Type.STRING,
              "data.kafka.authn.allow",
              ref(),
              Importance.HIGH,
              "The rule that decides whether an authenticated client may connect. Only the boolean"
                  + " true admits; anything else, including undefined, refuses.")
          .define(
              CREDENTIALS_REF,
              Type.STRING,
              "data.kafka.credentials",
              ref(),
              Importance.MEDIUM,
              "Where the bundle keeps PBKDF2 hashes (PLAIN) and SCRAM credentials, by user name.")
          .define(
              PRINCIPALS_REF,
              Type.STRING,
              "data.kafka.authz.principals",
              ref(),
              Importance.MEDIUM,
              "Where the bundle keeps groups and roles by principal (User:alice), attached to"
                  + " principals besides those from token claims.")
          .define(
              REASONS_REF,
              Type.STRING,
              "data.kafka.authn.deny_reasons",
              ref(),
              Importance.LOW,
              "A set of strings the policy gives for a refused input, such as the names of the"
                  + " rules that refused; logged with every policy refusal. Undefined: none.")
          .define(
              PLAIN_CLEARTEXT_ENABLED,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Let the broker start with Regard's PLAIN handler on a listener without TLS. PLAIN"
                  + " logins there are refused all the same, before the password is looked at;"
                  + " without this setting such a listener stops the broker at start-up.")
          .define(
              PLAIN_REMEMBERED_MAX,
              Type.INT,
              10_000,
              Range.atLeast(0),
              Importance.LOW,
              "How many users' verified PLAIN passwords are remembered (as an HMAC under a random"
                  + " per-process key), so that their right password is recognised and a wrong one"
                  + " refused without a PBKDF2 hash. 0 hashes every attempt.")
          .define(
              PLAIN_REMEMBERED_MS,
              Type.LONG,
              3_600_000L,
              Range.atLeast(1),
              Importance.LOW,
              "How long a remembered PLAIN password is kept after its last use.")
          .define(
              PLAIN_USER_FAILURES_PER_MINUTE,
              Type.INT,
              5,
              Range.atLeast(1),
              Importance.LOW,
              "Wrong PLAIN passwords of one user that are hashed, at most at once and refilled per"
                  + " minute; beyond them attempts not matching a remembered password are refused"
                  + " without hashing.")
          .define(
              PLAIN_FAILURE_HASHING_MS_PER_SECOND,
              Type.INT,
              20,
              Range.between(1, 1000),
              Importance.LOW,
              "Milliseconds per second that hashing wrong PLAIN passwords (of all users of a"
                  + " listener, unknown ones included) may take on Kafka's network threads, as"
                  + " measured, with up to one second's worth at once; beyond it attempts not"
                  + " matching a remembered password are refused without hashing.")
          .define(
              READY_TIMEOUT_MS,
              Type.LONG,
              15_000L,
              Range.atLeast(0),
              Importance.LOW,
              "How long a handler waits at start-up for the first policy bundle; until one is in"
                  + " force every authentication fails.")
          .define(
              JWKS_URL,
              Type.STRING,
              "",
              Importance.HIGH,
              "The JWKS endpoint (http or https) whose public keys verify OAUTHBEARER tokens. It"
                  + " must be listed in "
                  + JWKS_ALLOWED_URLS
                  + ".")
          .define(
              JWKS_ALLOWED_URLS,
              Type.LIST,
              List.of(),
              Importance.HIGH,
              "The JWKS URLs this broker may fetch, compared exactly. Empty: none, so a JWKS URL"
                  + " cannot point the broker at an arbitrary address.")
          .define(
              JWKS_REFRESH_MS,
              Type.LONG,
              300_000L,
              Range.atLeast(1_000),
              Importance.MEDIUM,
              "How often the JWKS is fetched again, to pick up rotated keys.")
          .define(
              JWKS_MIN_REFRESH_INTERVAL_MS,
              Type.LONG,
              10_000L,
              Range.atLeast(0),
              Importance.LOW,
              "The least time between two fetches caused by a token whose key id is unknown.")
          .define(
              JWKS_STALE_MAX_MS,
              Type.LONG,
              3_600_000L,
              Range.atLeast(0),
              Importance.MEDIUM,
              "How long the last good keys stay in use while the JWKS endpoint fails or answers"
                  + " garbage; after that every token is refused until a fetch succeeds.")
          .define(
              JWKS_TIMEOUT_MS,
              Type.LONG,
              5_000L,
              Range.atLeast(1),
              Importance.LOW,
              "How long one JWKS fetch may take.")
          .define(
              KEYS,
              Type.STRING,
              "",
              Importance.HIGH,
              "A JWKS document (JSON) of public keys that verify tokens, used besides or instead of"
                  + " the JWKS endpoint. With neither, every token is refused.")
          .define(
              ALGORITHMS,
              Type.LIST,
              List.of("RS256", "PS256", "ES256"),
              described(
                  "any of " + String.join(", ", ASYMMETRIC_ALGORITHMS),
                  (name, value) -> {
                    for (Object alg : (List<?>) value) {
                      if (!ASYMMETRIC_ALGORITHMS.contains(alg)) {
                        throw new ConfigException(
                            name, value, alg + " is not one of " + ASYMMETRIC_ALGORITHMS);
                      }
                    }
                  }),
              Importance.MEDIUM,
              "The JWS algorithms a token may be signed with; asymmetric only ("
                  + ASYMMETRIC_ALGORITHMS
                  + ").")
          .define(
              ISSUER,
              Type.STRING,
              "",
              Importance.HIGH,
              "The iss claim every token must carry; required unless " + ISSUER_CHECK_WAIVED + ".")
          .define(
              AUDIENCE,
              Type.LIST,
              List.of(),
              Importance.HIGH,
              "Audiences of which a token's aud claim must name one; required unless "
                  + AUDIENCE_CHECK_WAIVED
                  + ".")
          .define(
              ISSUER_CHECK_WAIVED,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Accept tokens from any issuer. Only for an identity provider that is the only"
                  + " one trusting these keys.")
          .define(
              AUDIENCE_CHECK_WAIVED,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Accept tokens for any audience. Tokens minted for other services then work here.")
          .define(
              CLOCK_SKEW_MS,
              Type.LONG,
              30_000L,
              Range.between(0, 300_000),
              Importance.LOW,
              "Tolerance when checking exp, nbf and iat; at most five minutes.")
          .define(
              MAX_TOKEN_BYTES,
              Type.INT,
              16_384,
              Range.between(256, 1 << 20),
              Importance.LOW,
              "The longest token accepted, in characters.")
          .define(
              VERIFIED_TOKENS_MAX,
              Type.INT,
              10_000,
              Range.atLeast(0),
              Importance.LOW,
              "How many tokens whose signature has been verified are remembered (by SHA-256), so"
                  + " that the same token on a later connection or re-authentication skips only the"
                  + " signature check, while its key is still in force; every other check runs"
                  + " again. 0 verifies every signature every time.")
          .define(
              PRINCIPAL_CLAIM,
              Type.STRING,
              "sub",
              Importance.MEDIUM,
              "The claim that names the principal.")
          .define(
              GROUPS_CLAIM,
              Type.STRING,
              "groups",
              Importance.MEDIUM,
              "The claim (a string or an array of strings) holding the principal's groups.")
          .define(
              ROLES_CLAIM,
              Type.STRING,
              "roles",
              Importance.MEDIUM,
              "The claim (a string or an array of strings) holding the principal's roles.")
          .define(
              SCOPE_CLAIM,
              Type.STRING,
              "scope",
              Importance.LOW,
              "The claim holding the token's scope (space-separated string or array).")
          .define(
              EXTENSIONS_ALLOWED,
              Type.LIST,
              List.of(),
              Importance.LOW,
              "SASL extensions a client may send with its token; any other refuses the client.")
          .define(
              SSL_PRINCIPAL_MAPPING_RULES,
              Type.STRING,
              "DEFAULT",
              Importance.LOW,
              "Kafka's rules that turn a TLS client certificate's distinguished name into a"
                  + " principal name.");

  public AuthnConfig(Map<String, ?> configs) {
    super(DEFINITION, configs, false);
  }

  /** Checks values that depend on each other, for the OAUTHBEARER handler. */
  public void validateOAuth() {
    String url = getString(JWKS_URL);
    if (!url.isEmpty()) {
      String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')) : "";
      if (!scheme.toLowerCase(Locale.ROOT).equals("https")
          && !scheme.toLowerCase(Locale.ROOT).equals("http")) {
        throw new ConfigException(JWKS_URL, url, "only http and https URLs are fetched");
      }
      if (!getList(JWKS_ALLOWED_URLS).contains(url)) {
        throw new ConfigException(JWKS_URL, url, "not listed in " + JWKS_ALLOWED_URLS);
      }
    }
    if (getString(ISSUER).isEmpty() && !getBoolean(ISSUER_CHECK_WAIVED)) {
      throw new ConfigException(
          ISSUER, "", "required; set " + ISSUER_CHECK_WAIVED + "=true to accept any issuer");
    }
    if (getList(AUDIENCE).isEmpty() && !getBoolean(AUDIENCE_CHECK_WAIVED)) {
      throw new ConfigException(
          AUDIENCE, "", "required; set " + AUDIENCE_CHECK_WAIVED + "=true to accept any audience");
    }
  }

  private static ConfigDef.Validator ref() {
    return described(
        "a data reference such as data.kafka.authn.allow",
        (name, value) -> {
          if (!(value instanceof String s) || !s.matches(REF_PATTERN)) {
            throw new ConfigException(
                name, value, "must be a data reference like data.kafka.authn.allow");
          }
        });
  }

  /** A validator whose description appears in the generated configuration reference. */
  private static ConfigDef.Validator described(String description, ConfigDef.Validator check) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        check.ensureValid(name, value);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
