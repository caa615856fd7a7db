package dev.regard.kafka.authn.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.testing.JwksServer;
import dev.regard.testing.Tokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtValidatorTest {
  private static final RsaJsonWebKey KEY_1 = Tokens.rsaKey("k1");
  private static final RsaJsonWebKey KEY_2 = Tokens.rsaKey("k2");

  private JwksServer jwks;
  private MutableClock clock;

  @BeforeEach
  void start() throws Exception {
    jwks = new JwksServer();
    jwks.publish(KEY_1);
    clock = new MutableClock();
  }

  @AfterEach
  void stop() {
    jwks.close();
  }

  private JwksKeys remoteKeys(Duration minRefresh) throws Exception {
    return new JwksKeys(
        "",
        new JwksKeys.Settings(
            Optional.of(jwks.url()),
            Duration.ofMinutes(5),
            minRefresh,
            Duration.ofMinutes(10),
            Duration.ofSeconds(5)),
        clock);
  }

  private static JwtValidator validator(JwksKeys keys) {
    return new JwtValidator(settings(Optional.of(Tokens.ISSUER), List.of(Tokens.AUDIENCE)), keys);
  }

  private static JwtValidator.Settings settings(Optional<String> issuer, List<String> audiences) {
    return new JwtValidator.Settings(
        List.of("RS256", "ES256"),
        issuer,
        audiences,
        Duration.ofSeconds(30),
        16_384,
        "sub",
        "groups",
        "roles",
        "scope",
        100);
  }

  @Test
  void acceptsAWellSignedTokenAndReadsItsClaims() throws Exception {
    JwtClaims claims = Tokens.claims("alice", List.of("payments", "ops"));
    claims.setStringListClaim("roles", List.of("producer"));
    ValidatedToken token =
        validator(remoteKeys(Duration.ZERO)).validate(Tokens.sign(claims, KEY_1));
    assertThat(token.principalName()).isEqualTo("alice");
    assertThat(token.groups()).containsExactlyInAnyOrder("payments", "ops");
    assertThat(token.roles()).containsExactly("producer");
    assertThat(token.scope()).containsExactlyInAnyOrder("kafka.read", "kafka.write");
    assertThat(token.lifetimeMs()).isEqualTo(claims.getExpirationTime().getValueInMillis());
    assertThat(token.claims().get("iss").toString()).contains(Tokens.ISSUER);
  }

  @Test
  void refusesExpiredAndNotYetValidTokensBeyondTheSkew() throws Exception {
    JwtValidator validator = validator(remoteKeys(Duration.ZERO));
    JwtClaims expired = Tokens.claims("alice", List.of());
    expired.setExpirationTime(Tokens.minutesFromNow(-2));
    expired.setIssuedAt(Tokens.minutesFromNow(-10));
    assertRefused(validator, Tokens.sign(expired, KEY_1), "no longer valid");

    JwtClaims early = Tokens.claims("alice", List.of());
    early.setNotBefore(Tokens.minutesFromNow(2));
    assertRefused(validator, Tokens.sign(early, KEY_1), "not yet valid");

    JwtClaims issuedInFuture = Tokens.claims("alice", List.of());
    issuedInFuture.setIssuedAt(Tokens.minutesFromNow(3));
    assertRefused(validator, Tokens.sign(issuedInFuture, KEY_1), "iat");

    JwtClaims withinSkew = Tokens.claims("alice", List.of());
    NumericDate justExpired = NumericDate.now();
    justExpired.addSeconds(-10);
    withinSkew.setExpirationTime(justExpired);
    withinSkew.setIssuedAt(Tokens.minutesFromNow(-5));
    assertThat(validator.validate(Tokens.sign(withinSkew, KEY_1)).principalName())
        .isEqualTo("alice");

    JwtClaims noExp = Tokens.claims("alice", List.of());
    noExp.unsetClaim("exp");
    assertRefused(validator, Tokens.sign(noExp, KEY_1), "Expiration Time");
  }

  @Test
  void refusesWrongIssuerAndAudience() throws Exception {
    JwtValidator validator = validator(remoteKeys(Duration.ZERO));
    JwtClaims issuer = Tokens.claims("alice", List.of());
    issuer.setIssuer("https://evil.test");
    assertRefused(validator, Tokens.sign(issuer, KEY_1), "Issuer");
    JwtClaims audience = Tokens.claims("alice", List.of());
    audience.setAudience("another-service");
    assertRefused(validator, Tokens.sign(audience, KEY_1), "Audience");
    JwtClaims noAudience = Tokens.claims("alice", List.of());
    noAudience.unsetClaim("aud");
    assertRefused(validator, Tokens.sign(noAudience, KEY_1), "Audience");
  }

  @Test
  void waivedChecksAcceptAnyIssuerAndAudience() throws Exception {
    JwtValidator validator =
        new JwtValidator(settings(Optional.empty(), List.of()), remoteKeys(Duration.ZERO));
    JwtClaims claims = Tokens.claims("alice", List.of());
    claims.setIssuer("https://other.test");
    claims.setAudience("other");
    assertThat(validator.validate(Tokens.sign(claims, KEY_1)).principalName()).isEqualTo("alice");
  }

  @Test
  void refusesAlgNoneAndHmacSignedWithThePublicKey() throws Exception {
    JwtValidator validator = validator(remoteKeys(Duration.ZERO));
    JwtClaims claims = Tokens.claims("alice", List.of());
    String unsigned = Tokens.unsigned(claims, "k1");
    assertRefused(validator, unsigned, "not a signed compact JWT");
    assertRefused(validator, unsigned + "c2ln", "none");
    assertRefused(validator, Tokens.hmacWithPublicKey(claims, KEY_1), "HS256");
  }

  @Test
  void refusesAnAlgorithmOutsideTheAllowList() throws Exception {
    JwtValidator validator = validator(remoteKeys(Duration.ZERO));
    assertRefused(
        validator, Tokens.sign(Tokens.claims("alice", List.of()), KEY_1, "RS512"), "RS512");
  }

  @Test
  void refusesEverythingWithoutKeys() throws Exception {
    JwksKeys none =
        new JwksKeys(
            "",
            new JwksKeys.Settings(
                Optional.empty(),
                Duration.ofMinutes(5),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofSeconds(1)),
            clock);
    JwtValidator validator = validator(none);
    JwtClaims claims = Tokens.claims("alice", List.of());
    assertRefused(validator, Tokens.sign(claims, KEY_1), "no verification keys are configured");
    assertRefused(
        validator, Tokens.unsigned(claims, "k1") + "c2ln", "no verification keys are configured");
  }

  @Test
  void configuredKeysWorkWithoutAnEndpointButHmacKeysAreNeverUsed() throws Exception {
    String jwks = new JsonWebKeySet(KEY_2).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    JwksKeys keys =
        new JwksKeys(
            jwks,
            new JwksKeys.Settings(
                Optional.empty(),
                Duration.ofMinutes(5),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofSeconds(1)),
            clock);
    assertThat(
            validator(keys)
                .validate(Tokens.sign(Tokens.claims("bob", List.of()), KEY_2))
                .principalName())
        .isEqualTo("bob");
    String octOnly =
        "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\""
            + Base64.getUrlEncoder().encodeToString(new byte[32])
            + "\"}]}";
    assertThatThrownBy(
            () ->
                new JwksKeys(
                    octOnly,
                    new JwksKeys.Settings(
                        Optional.empty(),
                        Duration.ofMinutes(5),
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofSeconds(1)),
                    clock))
        .hasMessageContaining("no public signature key");
  }

  @Test
  void anUnknownKidTriggersOneRateLimitedRefresh() throws Exception {
    JwtValidator validator = validator(remoteKeys(Duration.ofSeconds(30)));
    String first = Tokens.sign(Tokens.claims("alice", List.of()), KEY_1);
    validator.validate(first);
    int afterFirst = jwks.requests();
    assertThat(afterFirst).isEqualTo(1);

    // The identity provider rotates: k2 is published; a k2 token is accepted after one refresh.
    clock.advance(Duration.ofSeconds(31));
    jwks.publish(KEY_2);
    String rotated = Tokens.sign(Tokens.claims("alice", List.of()), KEY_2);
    assertThat(validator.validate(rotated).principalName()).isEqualTo("alice");
    assertThat(jwks.requests()).isEqualTo(2);
    // k1 is gone from the endpoint, so its tokens are now refused, even one verified before.
    assertRefused(validator, Tokens.sign(Tokens.claims("alice", List.of()), KEY_1), "k1");
    assertRefused(validator, first, "k1");

    // Unknown kids within the rate limit do not reach the endpoint again.
    RsaJsonWebKey stranger = Tokens.rsaKey("k9");
    for (int i = 0; i < 5; i++) {
      assertRefused(validator, Tokens.sign(Tokens.claims("alice", List.of()), stranger), "k9");
    }
    assertThat(jwks.requests()).isEqualTo(2);
  }

  @Test
  void lastGoodKeysOutliveAnOutageForABoundedTimeThenEverythingIsRefused() throws Exception {
    JwtValidator validator = validator(remoteKeys(Duration.ofSeconds(1)));
    String token = Tokens.sign(Tokens.claims("alice", List.of()), KEY_1);
    validator.validate(token);

    jwks.answer(500, "down");
    clock.advance(Duration.ofMinutes(6)); // refresh due (5 min); fetch fails; keys still good
    assertThat(validator.validate(token).principalName()).isEqualTo("alice");

    jwks.answer(200, "this is not JSON");
    clock.advance(Duration.ofMinutes(5)); // 11 min: still within refresh + stale max (15 min)
    assertThat(validator.validate(token).principalName()).isEqualTo("alice");

    clock.advance(Duration.ofMinutes(5)); // 16 min: the last good keys have expired
    assertRefused(validator, token, "no verification keys are available");

    jwks.publish(KEY_1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(validator.validate(token).principalName()).isEqualTo("alice");
  }

  @Test
  void aTokenPresentedAgainIsStillCheckedForTimeAndTampering() throws Exception {
    JwtValidator validator =
        new JwtValidator(
            new JwtValidator.Settings(
                List.of("RS256"),
                Optional.of(Tokens.ISSUER),
                List.of(Tokens.AUDIENCE),
                Duration.ZERO,
                16_384,
                "sub",
                "groups",
                "roles",
                "scope",
                100),
            remoteKeys(Duration.ZERO));
    JwtClaims claims = Tokens.claims("alice", List.of());
    NumericDate soon = NumericDate.now();
    soon.addSeconds(1);
    claims.setExpirationTime(soon);
    String token = Tokens.sign(claims, KEY_1);
    assertThat(validator.validate(token).principalName()).isEqualTo("alice");
    assertThat(validator.validate(token).principalName()).isEqualTo("alice");

    // The same header and signature over other claims: a different token, verified in full.
    String[] parts = token.split("\\.");
    String otherClaims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                Tokens.claims("mallory", List.of()).toJson().getBytes(StandardCharsets.UTF_8));
    assertRefused(
        validator, parts[0] + "." + otherClaims + "." + parts[2], "Invalid JWS Signature");

    Thread.sleep(2_100); // past exp, with no skew allowed
    assertRefused(validator, token, "no longer valid");
  }

  @Test
  void malformedAndOversizedTokensAreRefusedNotThrown() throws Exception {
    JwtValidator validator = validator(remoteKeys(Duration.ZERO));
    assertRefused(validator, "", "empty token");
    assertRefused(validator, "a.b", "not a signed compact JWT");
    assertRefused(validator, "a.b.c.d", "not a signed compact JWT");
    assertRefused(validator, "ééé.b.c", "not a signed compact JWT");
    assertRefused(validator, "e30.e30.e30", "");
    assertRefused(validator, "AAAA.AAAA.AAAA", "");
    assertRefused(validator, "x".repeat(20_000) + ".a.b", "exceeds 16384");
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes());
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("[1,2]".getBytes());
    assertRefused(validator, header + "." + payload + ".c2ln", "");
  }

  @Test
  void aTokenWithoutThePrincipalClaimIsRefused() throws Exception {
    JwtClaims claims = Tokens.claims("alice", List.of());
    claims.unsetClaim("sub");
    assertRefused(
        validator(remoteKeys(Duration.ZERO)), Tokens.sign(claims, KEY_1), "claim sub is missing");
  }

  @Test
  void theJwksUrlIsNeverRedirected() throws Exception {
    // A JWKS endpoint answering with a redirect yields no keys: the client follows none.
    JwksKeys keys =
        new JwksKeys(
            "",
            new JwksKeys.Settings(
                Optional.of(URI.create(jwks.url().toString().replace("/jwks", "/redirect"))),
                Duration.ofMinutes(5),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofSeconds(2)),
            clock);
    assertThat(keys.keys("k1")).isEmpty();
    assertThat(jwks.requests()).isEqualTo(1);
  }

  private static void assertRefused(JwtValidator validator, String token, String reason) {
    assertThatThrownBy(() -> validator.validate(token))
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining(reason);
  }
}
