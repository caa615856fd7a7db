package dev.regard.kafka.authn.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.regard.kafka.principal.Memberships;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies OAUTHBEARER tokens: a compact JWS signed with an allowed asymmetric algorithm by a key
 * from {@link JwksKeys}, with {@code exp} required and {@code exp}, {@code nbf} and {@code iat}
 * checked within the clock skew, the issuer and audience checked unless waived, and the principal
 * named by a configured claim.
 */
public final class JwtValidator {
  /** Three base64url parts: anything else is refused before a parser sees it. */
  private static final Pattern COMPACT_JWS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  /**
   * How tokens are checked. Empty issuer or audiences mean the check is waived; {@code
   * verifiedTokensMax} 0 verifies every signature every time.
   */
  public record Settings(
      List<String> algorithms,
      Optional<String> issuer,
      List<String> audiences,
      Duration clockSkew,
      int maxTokenChars,
      String principalClaim,
      String groupsClaim,
      String rolesClaim,
      String scopeClaim,
      int verifiedTokensMax) {
    public Settings {
      algorithms = List.copyOf(algorithms);
      audiences = List.copyOf(audiences);
      if (algorithms.isEmpty()
          || algorithms.stream().anyMatch(a -> a.equals("none") || a.startsWith("HS"))) {
        throw new IllegalArgumentException(
            "only asymmetric algorithms may verify tokens: " + algorithms);
      }
    }
  }

  /** The key that verified a token's signature, and the key id it was found under. */
  private record Verified(String kid, Key key) {}

  private final Settings settings;
  private final JwksKeys keys;
  private final Clock clock;

  /**
   * Tokens whose signature has been verified, by the SHA-256 of the whole token. Clients present
   * the same token on every connection and re-authentication until they refresh it; only its
   * signature check, the costly part, is skipped on a later presentation, and only while the key
   * that verified it is still in force. Every other check runs every time.
   */
  private final Cache<String, Verified> verified;

  public JwtValidator(Settings settings, JwksKeys keys) {
    this(settings, keys, Clock.systemUTC());
  }

  /** A validator judging expiry, not-before and issued-at by {@code clock}. */
  public JwtValidator(Settings settings, JwksKeys keys, Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
    this.verified =
        settings.verifiedTokensMax() == 0
            ? null
            : Caffeine.newBuilder().maximumSize(settings.verifiedTokensMax()).build();
  }

  /**
   * Every check of a token: signature by an allowed key, times (judged at the clock's present
   * instant, hence a consumer per validation), issuer and audience.
   */
  private JwtConsumerBuilder consumer() {
    int skew = (int) settings.clockSkew().toSeconds();
    JwtConsumerBuilder builder =
        new JwtConsumerBuilder()
            .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
            .setJwsAlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT,
                settings.algorithms().toArray(String[]::new))
            .setVerificationKeyResolver(
                (jws, nesting) -> {
                  String alg = jws.getAlgorithmHeaderValue();
                  if (!settings.algorithms().contains(alg)) {
                    throw new UnresolvableKeyException("algorithm " + alg + " is not allowed");
                  }
                  List<JsonWebKey> candidates = keys.keys(jws.getKeyIdHeaderValue());
                  try {
                    JsonWebKey key = new VerificationJwkSelector().select(jws, candidates);
                    if (key == null) {
                      throw new UnresolvableKeyException(
                          candidates.isEmpty()
                              ? "no verification keys are available"
                              : "no key matches kid " + jws.getKeyIdHeaderValue());
                    }
                    return verificationKey(key);
                  } catch (JoseException e) {
                    throw new UnresolvableKeyException("no usable key: " + e.getMessage(), e);
                  }
                })
            .setRequireExpirationTime()
            .setAllowedClockSkewInSeconds(skew)
            .setIssuedAtRestrictions(skew, Integer.MAX_VALUE);
    if (settings.issuer().isPresent()) {
      builder.setExpectedIssuer(true, settings.issuer().get());
    }
    if (settings.audiences().isEmpty()) {
      builder.setSkipDefaultAudienceValidation();
    } else {
      builder.setExpectedAudience(true, settings.audiences().toArray(String[]::new));
    }
    return builder;
  }

  private static Key verificationKey(JsonWebKey key) throws UnresolvableKeyException {
    if (key instanceof PublicJsonWebKey pub && pub.getPublicKey() != null) {
      return pub.getPublicKey();
    }
    throw new UnresolvableKeyException("key " + key.getKeyId() + " is not a public key");
  }

  /** Verifies a token and reads its principal, scope, groups and roles. */
  public ValidatedToken validate(String token) throws JwtValidationException {
    if (token == null || token.isEmpty()) {
      throw new JwtValidationException("empty token");
    }
    if (token.length() > settings.maxTokenChars()) {
      throw new JwtValidationException(
          "token of " + token.length() + " characters exceeds " + settings.maxTokenChars());
    }
    if (!COMPACT_JWS.matcher(token).matches()) {
      throw new JwtValidationException("not a signed compact JWT");
    }
    if (!keys.hasSource()) {
      throw new JwtValidationException("no verification keys are configured");
    }
    JwtClaims claims;
    try {
      claims = claims(token);
    } catch (InvalidJwtException e) {
      throw new JwtValidationException(reason(e), e);
    } catch (RuntimeException e) {
      throw new JwtValidationException("malformed token", e);
    }
    Value parsed;
    try {
      parsed = Json.parse(claims.getRawJson(), "token claims");
    } catch (RuntimeException e) {
      throw new JwtValidationException("unreadable claims", e);
    }
    if (!(parsed instanceof ObjectValue claimValues)) {
      throw new JwtValidationException("claims are not an object");
    }
    if (!(claimValues.get(settings.principalClaim()) instanceof StringValue principal)
        || principal.value().isBlank()) {
      throw new JwtValidationException(
          "claim " + settings.principalClaim() + " is missing or not a string");
    }
    try {
      NumericDate exp = claims.getExpirationTime();
      NumericDate iat = claims.getIssuedAt();
      return new ValidatedToken(
          token,
          scope(claimValues.get(settings.scopeClaim())),
          exp.getValueInMillis(),
          principal.value(),
          iat == null ? null : iat.getValueInMillis(),
          claimValues,
          Memberships.strings(claimValues.get(settings.groupsClaim())),
          Memberships.strings(claimValues.get(settings.rolesClaim())));
    } catch (MalformedClaimException e) {
      throw new JwtValidationException("malformed time claim", e);
    }
  }

  /** The token's claims once every check passed, the signature's only when not verified before. */
  private JwtClaims claims(String token) throws InvalidJwtException {
    if (verified == null) {
      return consumer().build().processToClaims(token);
    }
    String digest = sha256(token);
    Verified before = verified.getIfPresent(digest);
    if (before != null && stillInForce(before)) {
      return consumer().setSkipSignatureVerification().build().processToClaims(token);
    }
    JwtContext context = consumer().build().process(token);
    JsonWebStructure jws = context.getJoseObjects().get(0);
    if (jws.getKey() != null) {
      verified.put(digest, new Verified(jws.getKeyIdHeaderValue(), jws.getKey()));
    }
    return context.getJwtClaims();
  }

  /** Whether the key still verifies tokens: not rotated out of the JWKS, nor stale. */
  private boolean stillInForce(Verified before) {
    for (JsonWebKey candidate : keys.keys(before.kid())) {
      if (candidate instanceof PublicJsonWebKey pub && before.key().equals(pub.getPublicKey())) {
        return true;
      }
    }
    return false;
  }

  private static String sha256(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static Set<String> scope(Value value) {
    if (value instanceof StringValue s) {
      return java.util.Arrays.stream(s.value().trim().split("\\s+"))
          .filter(part -> !part.isEmpty())
          .collect(java.util.stream.Collectors.toSet());
    }
    return Memberships.strings(value);
  }

  /**
   * jose4j's first error. Some of its messages quote the start of the token after a {@code ->};
   * only the cause before it is kept.
   */
  static String reason(InvalidJwtException e) {
    if (e.getErrorDetails() == null || e.getErrorDetails().isEmpty()) {
      return "invalid token";
    }
    String message = e.getErrorDetails().get(0).getErrorMessage();
    int cause = message.indexOf("(cause: ");
    int quoted = message.indexOf("): JsonWebSignature");
    if (cause >= 0 && quoted > cause) {
      message = message.substring(0, cause).trim() + ": " + message.substring(cause + 8, quoted);
    }
    int token = message.indexOf("eyJ");
    if (token >= 0) {
      message = message.substring(0, token) + "(token omitted)";
    }
    return message.length() > 240 ? message.substring(0, 240) + "..." : message;
  }
}
