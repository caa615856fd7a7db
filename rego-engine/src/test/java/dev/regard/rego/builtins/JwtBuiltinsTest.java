package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.j;
import static dev.regard.rego.builtins.BuiltinCalls.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtBuiltinsTest {
  /** 2026-11-14T22:13:20Z: inside the test keys' validity, before the tokens' expiry. */
  private static final long NOW_NS = 1_795_000_000_000_000_000L;

  private static final String CLAIMS =
      "{\"iss\":\"regard\",\"aud\":\"kafka\",\"exp\":1900000000,\"nbf\":1700000000,\"sub\":\"alice\"}";

  private static Value call(String name, Value... args) {
    return BuiltinCalls.call(new FixedClockContext(NOW_NS, Long.MAX_VALUE), name, args);
  }

  private static String sign(String alg, Key key, String payload, String kid) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setAlgorithmHeaderValue(alg);
    jws.setPayload(payload);
    jws.setKey(key);
    if (kid != null) {
      jws.setKeyIdHeaderValue(kid);
    }
    jws.setDoKeyValidation(false);
    return jws.getCompactSerialization();
  }

  private static PrivateKey pkcs8(String pem, String alg) throws Exception {
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static PrivateKey rsaKey() throws Exception {
    return pkcs8(CryptoTestKeys.RSA_KEY_PKCS8, "RSA");
  }

  private static PrivateKey ecKey() throws Exception {
    return CryptoKeys.sec1(
        Base64.getMimeDecoder()
            .decode(CryptoTestKeys.EC_KEY_SEC1.replaceAll("-----[A-Z ]+-----", "")));
  }

  @Test
  void decodeSplitsAToken() throws Exception {
    String token = sign(AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(new byte[32]), CLAIMS, "k1");
    ArrayValue parts = (ArrayValue) call("io.jwt.decode", s(token));
    assertThat(parts.get(0)).isEqualTo(j("{\"alg\":\"HS256\",\"kid\":\"k1\"}"));
    assertThat(parts.get(1)).isEqualTo(j(CLAIMS));
    String sigHex =
        HexFormat.of()
            .formatHex(Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)));
    assertThat(parts.get(2)).isEqualTo(s(sigHex));
  }

  @Test
  void decodeErrors() {
    assertThatThrownBy(() -> call("io.jwt.decode", s("abc")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("encoded JWT had no period separators");
    assertThatThrownBy(() -> call("io.jwt.decode", s("a.b")))
        .hasMessage("encoded JWT must have 3 sections, found 2");
    assertThatThrownBy(() -> call("io.jwt.decode", s("e!yJ.e30.")))
        .hasMessageStartingWith(
            "JWT header had invalid encoding: illegal base64 data at input byte");
    String jwe = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".e30.";
    assertThatThrownBy(() -> call("io.jwt.decode", s(jwe)))
        .hasMessage("JWT is a JWE object, which is not supported");
    String notObject = b64("{\"alg\":\"HS256\"}") + "." + b64("[1]") + ".";
    assertThatThrownBy(() -> call("io.jwt.decode", s(notObject)))
        .hasMessage("decoded JSON type was not an Object");
    assertThatThrownBy(() -> call("io.jwt.decode", j("1")))
        .hasMessage("operand 1 must be string but got number");
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
  void verifiesRsaSignaturesMadeByAnotherLibrary(String alg) throws Exception {
    String token = sign(alg, rsaKey(), CLAIMS, null);
    String fn = "io.jwt.verify_" + alg.toLowerCase(Locale.ROOT);
    assertThat(call(fn, s(token), s(CryptoTestKeys.RSA_CERT))).isEqualTo(BooleanValue.TRUE);
    assertThat(call(fn, s(token), s(CryptoTestKeys.RSA_PUBLIC_KEY))).isEqualTo(BooleanValue.TRUE);
    assertThat(call(fn, s(token), s(CryptoTestKeys.EC_CERT))).isEqualTo(BooleanValue.FALSE);
    String tampered =
        token.substring(0, token.indexOf('.') + 1)
            + b64(CLAIMS.replace("alice", "mallory"))
            + token.substring(token.lastIndexOf('.'));
    assertThat(call(fn, s(tampered), s(CryptoTestKeys.RSA_CERT))).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void verifiesEcdsaSignatures() throws Exception {
    String token =
        sign(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, ecKey(), CLAIMS, null);
    assertThat(call("io.jwt.verify_es256", s(token), s(CryptoTestKeys.EC_CERT)))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("io.jwt.verify_es256", s(token), s(CryptoTestKeys.RSA_CERT)))
        .isEqualTo(BooleanValue.FALSE);
    // The wrong hash for the signature: not valid.
    assertThat(call("io.jwt.verify_es384", s(token), s(CryptoTestKeys.EC_CERT)))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void verifiesHmacSignatures() throws Exception {
    byte[] secret = "a shared secret of thirty-two by".getBytes(StandardCharsets.UTF_8);
    String token = sign(AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret), CLAIMS, null);
    assertThat(call("io.jwt.verify_hs256", s(token), s(new String(secret, StandardCharsets.UTF_8))))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("io.jwt.verify_hs256", s(token), s("wrong"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("io.jwt.verify_hs512", s(token), s(new String(secret, StandardCharsets.UTF_8))))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void verifiesWithAJwksChoosingByKid() throws Exception {
    RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) CryptoKeys.publicOf(rsaKey()));
    jwk.setKeyId("right");
    jwk.setAlgorithm("RS256");
    String jwks =
        "{\"keys\":["
            + jwk.toJson().replace("\"right\"", "\"other\"").replace("\"n\":\"", "\"n\":\"x")
            + ","
            + jwk.toJson()
            + "]}";
    String token = sign("RS256", rsaKey(), CLAIMS, "right");
    assertThat(call("io.jwt.verify_rs256", s(token), s(jwks))).isEqualTo(BooleanValue.TRUE);
  }

  @Test
  void verifyKeyErrors() throws Exception {
    String token = sign("RS256", rsaKey(), CLAIMS, null);
    assertThatThrownBy(() -> call("io.jwt.verify_rs256", s(token), s("not a key")))
        .hasMessageStartingWith("failed to parse a JWK key (set): ");
    assertThatThrownBy(
            () ->
                call(
                    "io.jwt.verify_rs256",
                    s(token),
                    s("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")))
        .hasMessageStartingWith("failed to parse a PEM certificate");
    assertThatThrownBy(() -> call("io.jwt.verify_rs256", s(token), s(CryptoTestKeys.RSA_KEY_PKCS8)))
        .hasMessage("failed to extract a Key from the PEM certificate");
  }

  @Test
  void decodeVerifyChecksSignatureAndClaims() throws Exception {
    String token = sign("RS256", rsaKey(), CLAIMS, null);
    Value ok =
        call(
            "io.jwt.decode_verify",
            s(token),
            ObjectValue.builder()
                .put("cert", s(CryptoTestKeys.RSA_CERT))
                .put("aud", s("kafka"))
                .put("iss", s("regard"))
                .build());
    assertThat(((ArrayValue) ok).get(0)).isEqualTo(BooleanValue.TRUE);
    assertThat(((ArrayValue) ok).get(1)).isEqualTo(j("{\"alg\":\"RS256\"}"));
    assertThat(((ArrayValue) ok).get(2)).isEqualTo(j(CLAIMS));
  }

  private static Value verifyWith(String token, String constraintsJson, String cert) {
    ObjectValue c = (ObjectValue) j(constraintsJson);
    if (cert != null) {
      c = c.with(s("cert"), s(cert));
    }
    return ((ArrayValue) call("io.jwt.decode_verify", s(token), c)).get(0);
  }

  @Test
  void decodeVerifyRejectsUnmetConstraints() throws Exception {
    String token = sign("RS256", rsaKey(), CLAIMS, null);
    String cert = CryptoTestKeys.RSA_CERT;
    assertThat(verifyWith(token, "{\"aud\":\"kafka\"}", cert)).isEqualTo(BooleanValue.TRUE);
    // As OPA: a token that names an audience is only valid for a matching aud constraint.
    assertThat(verifyWith(token, "{}", cert)).isEqualTo(BooleanValue.FALSE);
    assertThat(verifyWith(token, "{\"aud\":\"other\"}", cert)).isEqualTo(BooleanValue.FALSE);
    assertThat(verifyWith(token, "{\"aud\":\"kafka\",\"iss\":\"other\"}", cert))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(verifyWith(token, "{\"aud\":\"kafka\",\"alg\":\"RS512\"}", cert))
        .isEqualTo(BooleanValue.FALSE);
    // exp is 1900000000 s and nbf 1700000000 s.
    assertThat(verifyWith(token, "{\"aud\":\"kafka\",\"time\":1900000000000000000}", cert))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(verifyWith(token, "{\"aud\":\"kafka\",\"time\":1899999999000000000}", cert))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(verifyWith(token, "{\"aud\":\"kafka\",\"time\":1699999999000000000}", cert))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(verifyWith(token, "{\"aud\":\"kafka\"}", CryptoTestKeys.EC_CERT))
        .isEqualTo(BooleanValue.FALSE);
    // A token without an audience fails an aud constraint and passes without one.
    String noAud = sign("RS256", rsaKey(), "{\"sub\":\"x\"}", null);
    assertThat(verifyWith(noAud, "{\"aud\":\"kafka\"}", cert)).isEqualTo(BooleanValue.FALSE);
    assertThat(verifyWith(noAud, "{}", cert)).isEqualTo(BooleanValue.TRUE);
  }

  @Test
  void decodeVerifyNeverAcceptsAlgNone() throws Exception {
    String none = b64("{\"alg\":\"none\"}") + "." + b64(CLAIMS) + ".";
    assertThat(verifyWith(none, "{\"aud\":\"kafka\",\"secret\":\"x\"}", null))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(verifyWith(none, "{\"aud\":\"kafka\"}", CryptoTestKeys.RSA_CERT))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void decodeVerifyNeverUsesAPublicKeyAsAnHmacSecret() throws Exception {
    // The classic confusion attack: HS256 keyed with the verifier's public key text.
    byte[] publicText = CryptoTestKeys.RSA_CERT.getBytes(StandardCharsets.UTF_8);
    String forged = sign("HS256", new HmacKey(publicText), CLAIMS, null);
    assertThat(verifyWith(forged, "{\"aud\":\"kafka\"}", CryptoTestKeys.RSA_CERT))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("io.jwt.verify_rs256", s(forged), s(CryptoTestKeys.RSA_CERT)))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void decodeVerifyWithSecret() throws Exception {
    String token =
        sign(
            "HS384",
            new HmacKey(
                "secret-secret-secret-secret-secret-secret-secret"
                    .getBytes(StandardCharsets.UTF_8)),
            CLAIMS,
            null);
    assertThat(
            verifyWith(
                token,
                "{\"aud\":\"kafka\",\"secret\":\"secret-secret-secret-secret-secret-secret-secret\"}",
                null))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(verifyWith(token, "{\"aud\":\"kafka\",\"secret\":\"nope\"}", null))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void decodeVerifyConstraintErrors() {
    String token = b64("{\"alg\":\"HS256\"}") + "." + b64("{\"exp\":\"soon\"}") + ".";
    assertThatThrownBy(() -> verifyWith(token, "{}", null)).hasMessage("no key constraint");
    assertThatThrownBy(() -> verifyWith(token, "{\"secret\":\"a\"}", CryptoTestKeys.RSA_CERT))
        .hasMessage("duplicate key constraints");
    assertThatThrownBy(() -> verifyWith(token, "{\"secret\":\"a\",\"colour\":1}", null))
        .hasMessage("unknown token validation constraint: colour");
    assertThatThrownBy(() -> verifyWith(token, "{\"secret\":\"a\",\"time\":\"x\"}", null))
        .hasMessage("token time constraint: must be a number");
    String signed =
        token.substring(0, token.length() - 1)
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmacSha256("a", token.substring(0, token.length() - 1)));
    assertThatThrownBy(() -> verifyWith(signed, "{\"secret\":\"a\"}", null))
        .hasMessage("exp value must be a number");
  }

  private static byte[] hmacSha256(String key, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void encodeSignMatchesRfc7515AppendixA1() {
    String header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
    String payload =
        "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
    String jwk =
        "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}";
    assertThat(call("io.jwt.encode_sign_raw", s(header), s(payload), s(jwk)))
        .isEqualTo(
            s(
                "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                    + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                    + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
  }

  @Test
  void encodeSignProducesTokensOthersVerify() throws Exception {
    Value jwk = call("crypto.x509.parse_rsa_private_key", s(CryptoTestKeys.RSA_KEY_PKCS1));
    Value token =
        call("io.jwt.encode_sign", j("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"), j(CLAIMS), jwk);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(((StringValue) token).value());
    jws.setKey(CryptoKeys.publicOf(rsaKey()));
    assertThat(jws.verifySignature()).isTrue();
    assertThat(Json.parse(jws.getPayload())).isEqualTo(j(CLAIMS));
    assertThat(call("io.jwt.verify_rs256", token, s(CryptoTestKeys.RSA_CERT)))
        .isEqualTo(BooleanValue.TRUE);

    Value ecJwk = call("crypto.x509.parse_rsa_private_key", s(CryptoTestKeys.EC_KEY_SEC1));
    Value ecToken = call("io.jwt.encode_sign", j("{\"alg\":\"ES256\"}"), j(CLAIMS), ecJwk);
    assertThat(call("io.jwt.verify_es256", ecToken, s(CryptoTestKeys.EC_CERT)))
        .isEqualTo(BooleanValue.TRUE);
  }

  @Test
  void encodeSignErrors() {
    Value oct = j("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");
    assertThatThrownBy(() -> call("io.jwt.encode_sign", j("{\"alg\":\"none\"}"), j("{}"), oct))
        .hasMessage("unknown JWS algorithm: none");
    assertThatThrownBy(() -> call("io.jwt.encode_sign", j("{}"), j("{}"), oct))
        .hasMessage("unsupported signature algorithm");
    assertThatThrownBy(() -> call("io.jwt.encode_sign_raw", s(""), s("{}"), s(oct.toJson())))
        .hasMessage(
            "missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
    assertThatThrownBy(
            () ->
                call(
                    "io.jwt.encode_sign_raw",
                    s("{\"alg\":\"HS256\"}"),
                    s("not json"),
                    s(oct.toJson())))
        .hasMessage("type is JWT but payload is not JSON");
    // A plain-text payload is fine when the type says so.
    assertThat(
            call(
                "io.jwt.encode_sign_raw",
                s("{\"alg\":\"HS256\",\"typ\":\"text/plain\"}"),
                s("not json"),
                s(oct.toJson())))
        .isInstanceOf(StringValue.class);
    // An RSA private key cannot make an HMAC.
    Value rsa = call("crypto.x509.parse_rsa_private_key", s(CryptoTestKeys.RSA_KEY_PKCS1));
    assertThatThrownBy(() -> call("io.jwt.encode_sign", j("{\"alg\":\"HS256\"}"), j("{}"), rsa))
        .hasMessageStartingWith("failed to sign payload");
  }
}
