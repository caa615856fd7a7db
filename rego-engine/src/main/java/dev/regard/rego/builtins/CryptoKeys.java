package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Private and public keys from PEM/DER, and their JSON shapes as Go and JWK print them. */
final class CryptoKeys {
  private static final Map<String, String> CURVES =
      Map.of(
          "1.2.840.10045.3.1.7", "P-256",
          "1.3.132.0.34", "P-384",
          "1.3.132.0.35", "P-521");

  private CryptoKeys() {}

  /** Parses a private key PEM block of type RSA PRIVATE KEY, PRIVATE KEY or EC PRIVATE KEY. */
  static PrivateKey privateKey(CryptoPem.Block block) throws GeneralSecurityException {
    switch (block.type()) {
      case "RSA PRIVATE KEY":
        return pkcs1(block.bytes());
      case "EC PRIVATE KEY":
        return sec1(block.bytes());
      case "PRIVATE KEY":
        return pkcs8(block.bytes());
      default:
        return null;
    }
  }

  static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    for (String alg : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("x509: failed to parse private key");
  }

  static RSAPrivateCrtKey pkcs1(byte[] der) throws GeneralSecurityException {
    try {
      List<CryptoDer.Element> f = CryptoDer.read(der).children();
      RSAPrivateCrtKeySpec spec =
          new RSAPrivateCrtKeySpec(
              f.get(1).integer(),
              f.get(2).integer(),
              f.get(3).integer(),
              f.get(4).integer(),
              f.get(5).integer(),
              f.get(6).integer(),
              f.get(7).integer(),
              f.get(8).integer());
      return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("x509: failed to parse private key");
    }
  }

  static ECPrivateKey sec1(byte[] der) throws GeneralSecurityException {
    try {
      List<CryptoDer.Element> f = CryptoDer.read(der).children();
      BigInteger d = new BigInteger(1, f.get(1).content());
      String curveOid = null;
      for (CryptoDer.Element e : f) {
        if (e.tag() == 0xa0) {
          curveOid = e.children().get(0).oidString();
        }
      }
      ECParameterSpec params = curve(curveOid);
      return (ECPrivateKey)
          KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, params));
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("x509: failed to parse EC private key");
    }
  }

  static ECParameterSpec curve(String oid) throws GeneralSecurityException {
    String name = CURVES.get(oid);
    if (name == null) {
      throw new GeneralSecurityException("x509: unknown elliptic curve");
    }
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    p.init(
        new ECGenParameterSpec(name.replace("P-", "secp") + (name.equals("P-256") ? "r1" : "r1")));
    return p.getParameterSpec(ECParameterSpec.class);
  }

  static String curveName(ECParameterSpec spec) {
    int bits = spec.getCurve().getField().getFieldSize();
    return bits == 521 ? "P-521" : "P-" + bits;
  }

  /** The public half of a private key. */
  static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
    if (key instanceof RSAPrivateCrtKey rsa) {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
    if (key instanceof ECPrivateKey ec) {
      ECPoint q = multiply(ec.getParams(), ec.getS());
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, ec.getParams()));
    }
    throw new GeneralSecurityException("tls: unknown private key type");
  }

  /** Scalar multiplication on a prime curve, in affine coordinates; used only for key checks. */
  private static ECPoint multiply(ECParameterSpec spec, BigInteger k) {
    BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger a = spec.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = spec.getGenerator();
    for (int i = 0; i < k.bitLength(); i++) {
      if (k.testBit(i)) {
        result = add(result, addend, p, a);
      }
      addend = add(addend, addend, p, a);
    }
    return result;
  }

  private static ECPoint add(ECPoint s, ECPoint t, BigInteger p, BigInteger a) {
    if (s.equals(ECPoint.POINT_INFINITY)) {
      return t;
    }
    if (t.equals(ECPoint.POINT_INFINITY)) {
      return s;
    }
    BigInteger lambda;
    if (s.equals(t)) {
      if (s.getAffineY().signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      lambda =
          s.getAffineX()
              .pow(2)
              .multiply(BigInteger.valueOf(3))
              .add(a)
              .multiply(s.getAffineY().shiftLeft(1).modInverse(p))
              .mod(p);
    } else {
      BigInteger dx = t.getAffineX().subtract(s.getAffineX()).mod(p);
      if (dx.signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      lambda = t.getAffineY().subtract(s.getAffineY()).multiply(dx.modInverse(p)).mod(p);
    }
    BigInteger x = lambda.pow(2).subtract(s.getAffineX()).subtract(t.getAffineX()).mod(p);
    BigInteger y = lambda.multiply(s.getAffineX().subtract(x)).subtract(s.getAffineY()).mod(p);
    return new ECPoint(x, y);
  }

  /** A public key as Go's encoding/json prints crypto public keys. */
  static Value goPublicKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return ObjectValue.builder()
          .put("N", NumberValue.of(rsa.getModulus()))
          .put("E", NumberValue.of(rsa.getPublicExponent()))
          .build();
    }
    if (key instanceof ECPublicKey ec) {
      return ObjectValue.builder()
          .put("Curve", ObjectValue.EMPTY)
          .put("X", NumberValue.of(ec.getW().getAffineX()))
          .put("Y", NumberValue.of(ec.getW().getAffineY()))
          .build();
    }
    if (key instanceof EdECPublicKey) {
      byte[] spki = key.getEncoded();
      byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      return StringValue.of(Base64.getEncoder().encodeToString(raw));
    }
    return ObjectValue.EMPTY;
  }

  /** A private key as Go's encoding/json prints it. */
  static Value goPrivateKey(PrivateKey key) throws GeneralSecurityException {
    if (key instanceof RSAPrivateCrtKey rsa) {
      return ObjectValue.builder()
          .put("N", NumberValue.of(rsa.getModulus()))
          .put("E", NumberValue.of(rsa.getPublicExponent()))
          .put("D", NumberValue.of(rsa.getPrivateExponent()))
          .put(
              "Primes",
              ArrayValue.of(NumberValue.of(rsa.getPrimeP()), NumberValue.of(rsa.getPrimeQ())))
          .put(
              "Precomputed",
              ObjectValue.builder()
                  .put("Dp", NumberValue.of(rsa.getPrimeExponentP()))
                  .put("Dq", NumberValue.of(rsa.getPrimeExponentQ()))
                  .put("Qinv", NumberValue.of(rsa.getCrtCoefficient()))
                  .put("CRTValues", ArrayValue.EMPTY)
                  .build())
          .build();
    }
    if (key instanceof ECPrivateKey ec) {
      ECPublicKey pub = (ECPublicKey) publicOf(ec);
      return ObjectValue.builder()
          .put("Curve", ObjectValue.EMPTY)
          .put("X", NumberValue.of(pub.getW().getAffineX()))
          .put("Y", NumberValue.of(pub.getW().getAffineY()))
          .put("D", NumberValue.of(ec.getS()))
          .build();
    }
    return ObjectValue.EMPTY;
  }

  /** A private key as a JSON Web Key. */
  static Value jwk(PrivateKey key) throws GeneralSecurityException {
    if (key instanceof RSAPrivateCrtKey rsa) {
      return ObjectValue.builder()
          .put("kty", StringValue.of("RSA"))
          .put("n", b64(rsa.getModulus(), 0))
          .put("e", b64(rsa.getPublicExponent(), 0))
          .put("d", b64(rsa.getPrivateExponent(), 0))
          .put("p", b64(rsa.getPrimeP(), 0))
          .put("q", b64(rsa.getPrimeQ(), 0))
          .put("dp", b64(rsa.getPrimeExponentP(), 0))
          .put("dq", b64(rsa.getPrimeExponentQ(), 0))
          .put("qi", b64(rsa.getCrtCoefficient(), 0))
          .build();
    }
    if (key instanceof ECPrivateKey ec) {
      ECPublicKey pub = (ECPublicKey) publicOf(ec);
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      return ObjectValue.builder()
          .put("kty", StringValue.of("EC"))
          .put("crv", StringValue.of(curveName(ec.getParams())))
          .put("x", b64(pub.getW().getAffineX(), size))
          .put("y", b64(pub.getW().getAffineY(), size))
          .put("d", b64(ec.getS(), size))
          .build();
    }
    throw new GeneralSecurityException("unsupported key type");
  }

  /** Unsigned big-endian bytes, left-padded to {@code size} when it is positive, base64url. */
  private static StringValue b64(BigInteger v, int size) {
    byte[] raw = v.toByteArray();
    if (raw.length > 1 && raw[0] == 0) {
      raw = Arrays.copyOfRange(raw, 1, raw.length);
    }
    if (size > raw.length) {
      byte[] padded = new byte[size];
      System.arraycopy(raw, 0, padded, size - raw.length, raw.length);
      raw = padded;
    }
    return StringValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
  }
}
