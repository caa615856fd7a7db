package dev.regard.testing;

import java.util.List;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Signs test tokens: good ones, and the forgeries a validator must refuse. */
public final class Tokens {
  public static final String ISSUER = "https://idp.test";
  public static final String AUDIENCE = "kafka";

  private Tokens() {}

  public static RsaJsonWebKey rsaKey(String kid) {
    try {
      RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId(kid);
      return key;
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims valid for ten minutes from now, for {@code subject} in the given groups. */
  public static JwtClaims claims(String subject, List<String> groups) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(ISSUER);
    claims.setAudience(AUDIENCE);
    claims.setSubject(subject);
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(10);
    claims.setStringListClaim("groups", groups);
    claims.setClaim("scope", "kafka.read kafka.write");
    return claims;
  }

  public static String sign(JwtClaims claims, RsaJsonWebKey key) {
    return sign(claims, key, AlgorithmIdentifiers.RSA_USING_SHA256);
  }

  public static String sign(JwtClaims claims, RsaJsonWebKey key, String alg) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.getPrivateKey());
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setAlgorithmHeaderValue(alg);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token: {@code alg: none} and an empty signature part. */
  public static String unsigned(JwtClaims claims, String kid) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
    jws.setKeyIdHeaderValue(kid);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The classic confusion attack: HS256 with the RSA public key's encoding as HMAC secret. */
  public static String hmacWithPublicKey(JwtClaims claims, RsaJsonWebKey key) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setKey(new HmacKey(key.getPublicKey().getEncoded()));
    jws.setDoKeyValidation(false);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  public static NumericDate minutesFromNow(int minutes) {
    NumericDate date = NumericDate.now();
    date.addSeconds(minutes * 60L);
    return date;
  }
}
