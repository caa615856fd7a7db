package dev.regard.kafka.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The authorizer's configuration, read from the broker's properties. Every key is declared here,
 * typed, validated and documented; {@code docs/configuration.md} is generated from this definition.
 * Keys of opa-kafka-plugin with the same meaning are accepted as aliases (see {@link
 * ConfigAliases}).
 */
public final class AuthorizerConfig extends AbstractConfig {
  public static final String PREFIX = "regard.";

  public static final String ENGINE = "regard.engine";
  public static final String ENGINE_EMBEDDED = "embedded";
  public static final String ENGINE_OPA_SERVER = "opa-server";
  public static final String AUTHZ_QUERY = "regard.authz.query";
  public static final String AUTHZ_RESOURCE_TYPE_QUERY = "regard.authz.resource.type.query";
  public static final String BUNDLE_SOURCE = "regard.bundle.source";
  public static final String BUNDLE_PATH = "regard.bundle.path";
  public static final String BUNDLE_URL = "regard.bundle.url";
  public static final String BUNDLE_HTTP_TOKEN = "regard.bundle.http.token";
  public static final String BUNDLE_GIT_REF = "regard.bundle.git.ref";
  public static final String BUNDLE_GIT_PATH = "regard.bundle.git.path";
  public static final String BUNDLE_POLL_INTERVAL_MS = "regard.bundle.poll.interval.ms";
  public static final String BUNDLE_FETCH_TIMEOUT_MS = "regard.bundle.fetch.timeout.ms";
  public static final String BUNDLE_MAX_BYTES = "regard.bundle.max.bytes";
  public static final String BUNDLE_VERIFICATION_KEY = "regard.bundle.verification.key";
  public static final String BUNDLE_VERIFICATION_ALGORITHM = "regard.bundle.verification.algorithm";
  public static final String BUNDLE_RUN_TESTS = "regard.bundle.run.tests";
  public static final String POLICY_BUILTIN_ERRORS = "regard.policy.builtin.errors";
  public static final String BUILTIN_ERRORS_STRICT = "strict";
  public static final String BUILTIN_ERRORS_LENIENT = "lenient";
  public static final String OPA_URL = "regard.opa.url";
  public static final String OPA_TIMEOUT_MS = "regard.opa.timeout.ms";
  public static final String CACHE_MAX_ENTRIES = "regard.cache.max.entries";
  public static final String CACHE_INITIAL_CAPACITY = "regard.cache.initial.capacity";
  public static final String CACHE_TTL_MS = "regard.cache.ttl.ms";
  public static final String DECISION_LOG_ALLOW_SAMPLE_RATE =
      "regard.decision.log.allow.sample.rate";
  public static final String EVAL_TIMEOUT_MS = "regard.eval.timeout.ms";
  public static final String EVAL_MAX_STEPS = "regard.eval.max.steps";

  /** Kafka's own list of principals allowed everything, as StandardAuthorizer reads it. */
  public static final String SUPER_USERS = "super.users";

  private static final String REF_PATTERN = "data(\\.[A-Za-z_][A-Za-z0-9_]*)+";

  /** The definition every key is declared in. */
  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              ENGINE,
              Type.STRING,
              ENGINE_EMBEDDED,
              ValidString.in(ENGINE_EMBEDDED, ENGINE_OPA_SERVER),
              Importance.HIGH,
              "Where decisions are made: 'embedded' evaluates the policy bundle in the broker's JVM;"
                  + " 'opa-server' asks an OPA server through its REST Data API.")
          .define(
              AUTHZ_QUERY,
              Type.STRING,
              "data.kafka.authz.allow",
              new RefValidator(),
              Importance.HIGH,
              "The rule that decides one action. Only the boolean true allows; anything else,"
                  + " including undefined, denies.")
          .define(
              AUTHZ_RESOURCE_TYPE_QUERY,
              Type.STRING,
              "data.kafka.authz.allow_by_resource_type",
              new RefValidator(),
              Importance.MEDIUM,
              "The rule that answers whether the principal may perform the operation on at least"
                  + " one resource of a type (Kafka's authorizeByResourceType, used for idempotent"
                  + " and transactional producers). The input names the resource type, an empty"
                  + " name and the pattern type ANY.")
          .define(
              BUNDLE_SOURCE,
              Type.STRING,
              "dir",
              ValidString.in("dir", "tarball", "http", "git"),
              Importance.HIGH,
              "Where the embedded engine reads its policy bundle: a directory, a .tar.gz file, an"
                  + " HTTP(S) bundle server, or a git repository.")
          .define(
              BUNDLE_PATH,
              Type.STRING,
              "",
              Importance.HIGH,
              "The bundle directory (source dir) or .tar.gz file (source tarball).")
          .define(
              BUNDLE_URL,
              Type.STRING,
              "",
              Importance.HIGH,
              "The bundle's URL (source http) or the repository's URL (source git). Credentials"
                  + " in it are never logged.")
          .define(
              BUNDLE_HTTP_TOKEN,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "A bearer token sent to the HTTP bundle server (source http), as OPA's bundle service"
                  + " credentials do. Never logged.")
          .define(
              BUNDLE_GIT_REF,
              Type.STRING,
              "main",
              Importance.MEDIUM,
              "The branch, tag or commit id to read (source git). The commit id is the bundle's"
                  + " revision.")
          .define(
              BUNDLE_GIT_PATH,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "The bundle's directory inside the repository (source git); empty for the root.")
          .define(
              BUNDLE_POLL_INTERVAL_MS,
              Type.LONG,
              30_000L,
              Range.atLeast(100),
              Importance.MEDIUM,
              "How often the bundle source is checked for a new bundle.")
          .define(
              BUNDLE_FETCH_TIMEOUT_MS,
              Type.LONG,
              30_000L,
              Range.atLeast(1),
              Importance.LOW,
              "How long one fetch from an HTTP bundle server or git repository may take.")
          .define(
              BUNDLE_MAX_BYTES,
              Type.LONG,
              64L << 20,
              Range.atLeast(1),
              Importance.LOW,
              "The largest bundle accepted, in bytes of file content.")
          .define(
              BUNDLE_VERIFICATION_KEY,
              Type.PASSWORD,
              null,
              Importance.HIGH,
              "When set, every bundle must carry a valid .signatures.json: the PEM public key"
                  + " (RS*, PS*, ES* algorithms) or shared secret (HS* algorithms) it is"
                  + " verified with. When not set, a signed bundle is refused, since its signature"
                  + " could not be checked.")
          .define(
              BUNDLE_VERIFICATION_ALGORITHM,
              Type.STRING,
              "RS256",
              ValidString.in(
                  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
                  "HS256", "HS384", "HS512"),
              Importance.MEDIUM,
              "The JWS algorithm of bundle signatures.")
          .define(
              BUNDLE_RUN_TESTS,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              "Run the bundle's test_ rules before a bundle comes into force; a failing test"
                  + " rejects the bundle and the revision in force stays.")
          .define(
              POLICY_BUILTIN_ERRORS,
              Type.STRING,
              BUILTIN_ERRORS_STRICT,
              ValidString.in(BUILTIN_ERRORS_STRICT, BUILTIN_ERRORS_LENIENT),
              Importance.HIGH,
              "How the embedded engine treats a builtin that fails (to_number(\"abc\"), a bad"
                  + " regex, ...). strict: the evaluation fails and the decision or login is a"
                  + " deny, logged with rule, file:line and error, and counted. lenient: as OPA's"
                  + " default, the failing expression is undefined and evaluation goes on. Risk of"
                  + " lenient: a negated condition ('not blocked') over a failing builtin holds,"
                  + " so a client-chosen value that makes a builtin fail can turn a deny into an"
                  + " allow.")
          .define(
              OPA_URL,
              Type.STRING,
              "http://localhost:8181",
              Importance.HIGH,
              "The OPA server's base URL (engine opa-server).")
          .define(
              OPA_TIMEOUT_MS,
              Type.LONG,
              2_000L,
              Range.atLeast(1),
              Importance.MEDIUM,
              "How long one request to the OPA server may take; past it the decision is a deny.")
          .define(
              CACHE_MAX_ENTRIES,
              Type.LONG,
              50_000L,
              Range.atLeast(0),
              Importance.MEDIUM,
              "The most decisions kept in the decision cache; 0 disables the cache.")
          .define(
              CACHE_INITIAL_CAPACITY,
              Type.INT,
              1_000,
              Range.atLeast(0),
              Importance.LOW,
              "The decision cache's initial capacity.")
          .define(
              CACHE_TTL_MS,
              Type.LONG,
              60_000L,
              Range.atLeast(1),
              Importance.MEDIUM,
              "How long a cached decision is used. The cache is also emptied whenever a new bundle"
                  + " revision comes into force.")
          .define(
              DECISION_LOG_ALLOW_SAMPLE_RATE,
              Type.DOUBLE,
              0.0,
              Range.between(0.0, 1.0),
              Importance.LOW,
              "The share of allowed decisions written to the decision log (logger"
                  + " regard.decision); denies are always written.")
          .define(
              EVAL_TIMEOUT_MS,
              Type.LONG,
              1_000L,
              Range.atLeast(1),
              Importance.MEDIUM,
              "How long one evaluation by the embedded engine may run before it is cancelled and"
                  + " the decision is a deny.")
          .define(
              EVAL_MAX_STEPS,
              Type.LONG,
              10_000_000L,
              Range.atLeast(1),
              Importance.LOW,
              "The most evaluation steps one decision may take in the embedded engine.")
          .define(
              SUPER_USERS,
              Type.LIST,
              List.of(),
              Importance.MEDIUM,
              "Kafka's broker setting: principals (such as User:admin) allowed every operation"
                  + " without asking the policy, as with StandardAuthorizer. Separated by ';'.");

  // The keys of the delegate authorizer and of the OPA-format decision-log sinks, kept in their
  // own files.
  static {
    DecisionLogSettings.define(DelegationSettings.define(DEFINITION));
  }

  public AuthorizerConfig(Map<String, ?> brokerConfigs) {
    super(DEFINITION, ConfigAliases.resolve(withSuperUsersAsList(brokerConfigs)), false);
  }

  /** Kafka separates super.users with ';' while ConfigDef lists use ','. */
  private static Map<String, Object> withSuperUsersAsList(Map<String, ?> configs) {
    Map<String, Object> copy = new HashMap<>(configs);
    Object superUsers = copy.get(SUPER_USERS);
    if (superUsers instanceof String s) {
      copy.put(
          SUPER_USERS,
          java.util.Arrays.stream(s.split(";"))
              .map(String::trim)
              .filter(x -> !x.isEmpty())
              .toList());
    }
    return copy;
  }

  /** Checks that values which depend on each other fit together. */
  public void validateCombination() {
    if (getString(ENGINE).equals(ENGINE_EMBEDDED)) {
      String source = getString(BUNDLE_SOURCE);
      String needed = source.equals("dir") || source.equals("tarball") ? BUNDLE_PATH : BUNDLE_URL;
      if (getString(needed).isBlank()) {
        throw new ConfigException(
            needed,
            "",
            "required by " + BUNDLE_SOURCE + "=" + source + " with the embedded engine");
      }
    }
  }

  /** Accepts only references such as data.kafka.authz.allow. */
  static final class RefValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (!(value instanceof String s) || !s.matches(REF_PATTERN)) {
        throw new ConfigException(
            name, value, "must be a data reference like data.kafka.authz.allow");
      }
    }

    @Override
    public String toString() {
      return "a data reference: data.<name>(.<name>)*";
    }
  }
}
