package dev.regard.rego.builtins;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Keys for JWS signing and verification, and the signature primitives per algorithm. Keys are
 * typed: an HMAC algorithm only ever takes a shared secret, never a public key, and {@code none} is
 * not an algorithm at all.
 */
final class JwtKeys {
  /** The algorithms OPA knows; anything else, {@code none} included, is refused. */
  static final Set<String> ALGORITHMS =
      Set.of(
          "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256",
          "HS384", "HS512", "EdDSA");

  private JwtKeys() {}

  /** A verification key: a public key or a shared secret, with the JWK's alg and kid if any. */
  record VerificationKey(Key key, String alg, String kid) {}

  /**
   * Keys from a PEM certificate, a PEM public key, a JWK or a JWK set, as OPA's {@code
   * getKeysFromCertOrJWK}.
   */
  static List<VerificationKey> verificationKeys(String text) {
    if (CryptoPem.looksLikePem(text.stripLeading())) {
      List<CryptoPem.Block> blocks = CryptoPem.decodeAll(text);
      if (!blocks.isEmpty()) {
        if (blocks.size() > 1 || !afterFirstBlock(text).isBlank()) {
          throw BuiltinException.error("extra data after a PEM certificate block");
        }
        CryptoPem.Block b = blocks.get(0);
        if (b.type().equals("CERTIFICATE")) {
          try {
            X509Certificate cert =
                (X509Certificate)
                    CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(b.bytes()));
            return List.of(new VerificationKey(cert.getPublicKey(), "", ""));
          } catch (GeneralSecurityException | RuntimeException e) {
            throw BuiltinException.error(
                "failed to parse a PEM certificate: x509: malformed certificate");
          }
        }
        if (b.type().equals("PUBLIC KEY")) {
          try {
            return List.of(new VerificationKey(pkix(b.bytes()), "", ""));
          } catch (GeneralSecurityException e) {
            throw BuiltinException.error("failed to parse a PEM public key: " + e.getMessage());
          }
        }
        throw BuiltinException.error("failed to extract a Key from the PEM certificate");
      }
    }
    List<JsonWebKey> jwks;
    try {
      jwks = parseJwks(text);
    } catch (JoseException | RuntimeException e) {
      throw BuiltinException.error("failed to parse a JWK key (set): " + e.getMessage());
    }
    List<VerificationKey> out = new ArrayList<>();
    for (JsonWebKey jwk : jwks) {
      String alg = jwk.getAlgorithm() == null ? "" : jwk.getAlgorithm();
      if (!alg.isEmpty() && !ALGORITHMS.contains(alg)) {
        continue;
      }
      Key key;
      if (jwk instanceof PublicJsonWebKey pub) {
        key = pub.getPublicKey();
      } else if (jwk instanceof OctetSequenceJsonWebKey oct) {
        key = new SecretKeySpec(nonEmpty(oct.getOctetSequence()), "HMAC");
      } else {
        continue;
      }
      out.add(new VerificationKey(key, alg, jwk.getKeyId() == null ? "" : jwk.getKeyId()));
    }
    return out;
  }

  private static String afterFirstBlock(String text) {
    int end = text.indexOf("-----END ");
    int close = end < 0 ? -1 : text.indexOf("-----", end + 9);
    return close < 0 ? "" : text.substring(close + 5);
  }

  private static PublicKey pkix(byte[] der) throws GeneralSecurityException {
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("x509: unknown public key algorithm");
  }

  /** A JWK, or every key of a JWK set ({@code {"keys": [...]}}). */
  static List<JsonWebKey> parseJwks(String json) throws JoseException {
    if (json.contains("\"keys\"")) {
      return new JsonWebKeySet(json).getJsonWebKeys();
    }
    return List.of(JsonWebKey.Factory.newJwk(json));
  }

  /** The first key of a JWK or JWK set, for signing: a private key or a shared secret. */
  static Key signingKey(String json) {
    List<JsonWebKey> keys;
    try {
      keys = parseJwks(json);
    } catch (JoseException | RuntimeException e) {
      throw BuiltinException.error("failed to parse JWK: " + e.getMessage());
    }
    if (keys.isEmpty()) {
      throw BuiltinException.error("no keys found in JWK set");
    }
    JsonWebKey jwk = keys.get(0);
    if (jwk instanceof PublicJsonWebKey pub) {
      if (pub.getPrivateKey() == null) {
        throw BuiltinException.error("failed to sign payload: the JWK holds no private key");
      }
      return pub.getPrivateKey();
    }
    if (jwk instanceof OctetSequenceJsonWebKey oct) {
      return new SecretKeySpec(nonEmpty(oct.getOctetSequence()), "HMAC");
    }
    throw BuiltinException.error("failed to sign payload: unsupported JWK type");
  }

  private static byte[] nonEmpty(byte[] secret) {
    return secret.length == 0 ? new byte[1] : secret;
  }

  /** A shared secret as a key. */
  static Key secret(String secret) {
    return new SecretKeySpec(nonEmpty(secret.getBytes(StandardCharsets.UTF_8)), "HMAC");
  }

  /** Signs {@code input} with {@code alg}; the key must be of the algorithm's kind. */
  static byte[] sign(Key key, String alg, byte[] input) throws GeneralSecurityException {
    if (alg.startsWith("HS")) {
      return hmac(requireSecret(key), alg, input);
    }
    if (!(key instanceof PrivateKey pk) || !fits(key, alg)) {
      throw new GeneralSecurityException("invalid key type for algorithm " + alg);
    }
    Signature s = signature(alg, key);
    s.initSign(pk);
    s.update(input);
    return s.sign();
  }

  /**
   * True when {@code signature} is a valid {@code alg} signature of {@code input} by {@code key}.
   */
  static boolean verify(Key key, String alg, byte[] input, byte[] signature) {
    try {
      if (!ALGORITHMS.contains(alg)) {
        return false;
      }
      if (alg.startsWith("HS")) {
        if (!(key instanceof SecretKeySpec)) {
          return false; // never use a public key as an HMAC secret
        }
        return MessageDigest.isEqual(hmac(key, alg, input), signature);
      }
      if (!(key instanceof PublicKey pub) || !fits(key, alg)) {
        return false;
      }
      if (alg.startsWith("ES")) {
        // OPA splits the signature into r and s halves whatever its length.
        int n = signature.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, n));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, n, signature.length));
        int size = (((ECPublicKey) pub).getParams().getCurve().getField().getFieldSize() + 7) / 8;
        if (r.bitLength() > size * 8 || s.bitLength() > size * 8) {
          return false;
        }
        signature = concat(fixed(r, size), fixed(s, size));
      }
      Signature s = signature(alg, key);
      s.initVerify(pub);
      s.update(input);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static Key requireSecret(Key key) throws GeneralSecurityException {
    if (!(key instanceof SecretKeySpec)) {
      throw new GeneralSecurityException("invalid key type for an HMAC algorithm");
    }
    return key;
  }

  private static boolean fits(Key key, String alg) {
    return switch (alg.substring(0, 2)) {
      case "RS", "PS" -> key instanceof RSAKey;
      case "ES" -> key instanceof ECKey;
      default -> alg.equals("EdDSA") && key instanceof EdECKey;
    };
  }

  private static byte[] hmac(Key key, String alg, byte[] input) throws GeneralSecurityException {
    String name = "HmacSHA" + alg.substring(2);
    Mac mac = Mac.getInstance(name);
    mac.init(new SecretKeySpec(key.getEncoded(), name));
    return mac.doFinal(input);
  }

  private static Signature signature(String alg, Key key) throws GeneralSecurityException {
    String bits = alg.substring(2);
    switch (alg.substring(0, 2)) {
      case "RS":
        return Signature.getInstance("SHA" + bits + "withRSA");
      case "PS":
        {
          Signature s = Signature.getInstance("RSASSA-PSS");
          String hash = "SHA-" + bits;
          s.setParameter(
              new PSSParameterSpec(
                  hash, "MGF1", new MGF1ParameterSpec(hash), Integer.parseInt(bits) / 8, 1));
          return s;
        }
      case "ES":
        return Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
      default:
        return Signature.getInstance("Ed25519");
    }
  }

  private static byte[] fixed(BigInteger v, int size) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[size];
    int copy = Math.min(raw.length, size);
    System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
