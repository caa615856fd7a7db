package dev.regard.benchmarks.authn;

import dev.regard.kafka.authn.jwt.JwksKeys;
import dev.regard.kafka.authn.jwt.JwtValidator;
import dev.regard.kafka.authn.jwt.ValidatedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One OAUTHBEARER token validation with the keys already in hand (a warm JWKS cache): signature,
 * algorithm allow-list, times, issuer, audience, principal and group claims. {@code
 * firstPresentation} verifies the signature (a validator that has not seen the token); {@code
 * presentedAgain} is the same token on a later connection or re-authentication, whose signature was
 * verified before while every other check runs again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class JwtBenchmark {
  @Param({"RS256", "ES256"})
  public String algorithm;

  private JwtValidator verifyingEveryTime;
  private JwtValidator remembering;
  private String token;

  @Setup
  public void setUp() throws Exception {
    PublicJsonWebKey key =
        algorithm.equals("RS256")
            ? RsaJwkGenerator.generateJwk(2048)
            : EcJwkGenerator.generateJwk(EllipticCurves.P256);
    key.setKeyId("bench");
    String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    JwksKeys keys =
        new JwksKeys(
            jwks,
            new JwksKeys.Settings(
                Optional.empty(),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofHours(1),
                Duration.ofSeconds(5)),
            Clock.systemUTC());
    JwtValidator.Settings settings =
        new JwtValidator.Settings(
            List.of("RS256", "ES256"),
            Optional.of("https://idp.example"),
            List.of("kafka"),
            Duration.ofSeconds(30),
            16_384,
            "sub",
            "groups",
            "roles",
            "scope",
            0);
    verifyingEveryTime = new JwtValidator(settings, keys);
    remembering =
        new JwtValidator(
            new JwtValidator.Settings(
                settings.algorithms(),
                settings.issuer(),
                settings.audiences(),
                settings.clockSkew(),
                settings.maxTokenChars(),
                settings.principalClaim(),
                settings.groupsClaim(),
                settings.rolesClaim(),
                settings.scopeClaim(),
                10_000),
            keys);
    JwtClaims claims = new JwtClaims();
    claims.setIssuer("https://idp.example");
    claims.setAudience("kafka");
    claims.setSubject("alice");
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(60);
    claims.setStringListClaim("groups", List.of("payments", "ops"));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.getPrivateKey());
    jws.setKeyIdHeaderValue("bench");
    jws.setAlgorithmHeaderValue(
        algorithm.equals("RS256")
            ? AlgorithmIdentifiers.RSA_USING_SHA256
            : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    token = jws.getCompactSerialization();
    remembering.validate(token);
  }

  @Benchmark
  public ValidatedToken signatureVerified() throws Exception {
    return verifyingEveryTime.validate(token);
  }

  @Benchmark
  public ValidatedToken presentedAgain() throws Exception {
    return remembering.validate(token);
  }
}
