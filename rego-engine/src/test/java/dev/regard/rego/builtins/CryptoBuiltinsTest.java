package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoBuiltinsTest {
  private static Value call(String name, String... args) {
    Value[] values = new Value[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = StringValue.of(args[i]);
    }
    return call(name, values);
  }

  private static Value call(String name, Value... args) {
    return BuiltinCalls.call(name, args);
  }

  private static String str(Value v) {
    return ((StringValue) v).value();
  }

  @ParameterizedTest
  @CsvSource({
    "crypto.md5, '', d41d8cd98f00b204e9800998ecf8427e",
    "crypto.md5, abc, 900150983cd24fb0d6963f7d28e17f72",
    "crypto.sha1, abc, a9993e364706816aba3e25717850c26c9cd0d89d",
    "crypto.sha256, abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
  })
  void digests(String name, String input, String hex) {
    assertThat(call(name, input)).isEqualTo(StringValue.of(hex));
  }

  @ParameterizedTest
  @CsvSource({
    // RFC 2202 / RFC 4231 test vectors, plus the values OPA documents for "foo" keyed "bar".
    "crypto.hmac.md5, what do ya want for nothing?, Jefe, 750c783e6ab0b503eaa86e310a5db738",
    "crypto.hmac.sha1, what do ya want for nothing?, Jefe, effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    "crypto.hmac.sha256, foo, bar, 147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851",
    "crypto.hmac.sha512, foo, bar,"
        + " 24257d7210582a65c731ec55159c8184cc24c02489453e58587f71f44c23a2d61b4b72154a89d17b2d49448a8452ea066f4fc56a2bcead45c088572ffccdb3d8",
    "crypto.hmac.sha256, 'åäöçß\uD83E\uDD72♙Ω', 秘密の,"
        + " eb90daeb76d4b2571fbdaf94bbb240809faa8fed93ec0c260dd38c3fdf8d963a"
  })
  void hmacs(String name, String message, String key, String hex) {
    assertThat(call(name, message, key)).isEqualTo(StringValue.of(hex));
  }

  @Test
  void hmacAcceptsAnEmptyKey() {
    // HMAC-SHA256 of the empty message under the empty key (a well-known value).
    assertThat(call("crypto.hmac.sha256", "", ""))
        .isEqualTo(
            StringValue.of("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));
  }

  @Test
  void hmacEqual() {
    assertThat(call("crypto.hmac.equal", "abc", "abc")).isEqualTo(BooleanValue.TRUE);
    assertThat(call("crypto.hmac.equal", "abc", "abd")).isEqualTo(BooleanValue.FALSE);
    assertThat(call("crypto.hmac.equal", "abc", "ab")).isEqualTo(BooleanValue.FALSE);
    assertThatThrownBy(() -> call("crypto.hmac.equal", StringValue.of("a"), NumberValue.of(1)))
        .hasMessage("operand 2 must be string but got number");
  }

  @Test
  void digestTypeErrors() {
    assertThatThrownBy(() -> call("crypto.sha256", NumberValue.of(1)))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("operand 1 must be string but got number");
    assertThatThrownBy(() -> call("crypto.hmac.sha1", StringValue.of("m"), NullValue.INSTANCE))
        .hasMessage("operand 2 must be string but got null");
  }

  @Test
  void parsesAPemCertificate() {
    ArrayValue certs = (ArrayValue) call("crypto.x509.parse_certificates", CryptoTestKeys.RSA_CERT);
    assertThat(certs.size()).isEqualTo(1);
    ObjectValue c = (ObjectValue) certs.get(0);
    ObjectValue subject = (ObjectValue) c.get("Subject");
    assertThat(subject.get("CommonName")).isEqualTo(StringValue.of("regard.example"));
    assertThat(subject.get("Organization")).isEqualTo(Json.parse("[\"Regard Test\"]"));
    assertThat(subject.get("Country")).isEqualTo(Json.parse("[\"US\"]"));
    assertThat(subject.get("Locality")).isEqualTo(NullValue.INSTANCE);
    assertThat(((ArrayValue) subject.get("Names")).get(0))
        .isEqualTo(Json.parse("{\"Type\":[2,5,4,6],\"Value\":\"US\"}"));
    assertThat(c.get("Issuer")).isEqualTo(subject);
    assertThat(c.get("SerialNumber"))
        .isEqualTo(NumberValue.of(new BigInteger("33487FB76A4341237AAE12DF6AD8341DD4B78CF6", 16)));
    assertThat(c.get("Version")).isEqualTo(NumberValue.of(3));
    assertThat(c.get("SignatureAlgorithm")).isEqualTo(NumberValue.of(4)); // SHA256WithRSA
    assertThat(c.get("PublicKeyAlgorithm")).isEqualTo(NumberValue.of(1)); // RSA
    assertThat(((ObjectValue) c.get("PublicKey")).get("E")).isEqualTo(NumberValue.of(65537));
    assertThat(c.get("NotBefore")).isEqualTo(StringValue.of("2026-11-24T20:41:39Z"));
    assertThat(c.get("NotAfter")).isEqualTo(StringValue.of("2036-11-21T20:41:39Z"));
    assertThat(c.get("DNSNames"))
        .isEqualTo(Json.parse("[\"regard.example\",\"*.regard.example\"]"));
    assertThat(c.get("IPAddresses")).isEqualTo(Json.parse("[\"10.0.0.1\"]"));
    assertThat(c.get("EmailAddresses")).isEqualTo(Json.parse("[\"ops@regard.example\"]"));
    assertThat(c.get("URIStrings")).isEqualTo(Json.parse("[\"spiffe://regard.example/broker\"]"));
    assertThat(c.get("ExtKeyUsage")).isEqualTo(Json.parse("[1,2]"));
    assertThat(c.get("IsCA")).isEqualTo(BooleanValue.TRUE);
    assertThat(c.get("BasicConstraintsValid")).isEqualTo(BooleanValue.TRUE);
    assertThat(c.get("MaxPathLen")).isEqualTo(NumberValue.of(0));
    assertThat(c.get("MaxPathLenZero")).isEqualTo(BooleanValue.TRUE);
    assertThat(c.get("KeyUsage")).isEqualTo(NumberValue.of(1 | 32)); // digitalSignature|certSign
    assertThat(c.get("SubjectKeyId"))
        .isEqualTo(
            StringValue.of(
                Base64.getEncoder()
                    .encodeToString(
                        HexFormat.of().parseHex("1831A6195D67137E56D0400F991A60DD34655B01"))));
    String der = str(c.get("Raw"));
    String body = CryptoTestKeys.RSA_CERT.replaceAll("-----[A-Z ]+-----|\\s", "");
    assertThat(der).isEqualTo(body);
  }

  @Test
  void parsesBase64PemAndBase64DerChains() {
    String chainPem = CryptoTestKeys.RSA_CERT + CryptoTestKeys.EC_CERT;
    String b64Pem = Base64.getEncoder().encodeToString(chainPem.getBytes(StandardCharsets.UTF_8));
    ArrayValue fromPem = (ArrayValue) call("crypto.x509.parse_certificates", b64Pem);
    assertThat(fromPem.size()).isEqualTo(2);
    ObjectValue ec = (ObjectValue) fromPem.get(1);
    assertThat(((ObjectValue) ec.get("Subject")).get("CommonName"))
        .isEqualTo(StringValue.of("ec.regard.example"));
    assertThat(ec.get("PublicKeyAlgorithm")).isEqualTo(NumberValue.of(3));
    assertThat(ec.get("SignatureAlgorithm")).isEqualTo(NumberValue.of(10)); // ECDSAWithSHA256
    assertThat(ec.get("DNSNames")).isEqualTo(NullValue.INSTANCE);

    byte[] der1 = Base64.getDecoder().decode(str(((ObjectValue) fromPem.get(0)).get("Raw")));
    byte[] der2 = Base64.getDecoder().decode(str(ec.get("Raw")));
    byte[] both = new byte[der1.length + der2.length];
    System.arraycopy(der1, 0, both, 0, der1.length);
    System.arraycopy(der2, 0, both, der1.length, der2.length);
    Value fromDer =
        call("crypto.x509.parse_certificates", Base64.getEncoder().encodeToString(both));
    assertThat(fromDer).isEqualTo(fromPem);
  }

  @Test
  void certificateErrors() {
    assertThatThrownBy(() -> call("crypto.x509.parse_certificates", "YmFkc3RyaW5n"))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("x509: malformed certificate");
    assertThatThrownBy(() -> call("crypto.x509.parse_certificates", "not base64!"))
        .hasMessageStartingWith("illegal base64 data at input byte");
    assertThatThrownBy(() -> call("crypto.x509.parse_certificates", CryptoTestKeys.RSA_KEY_PKCS8))
        .hasMessage("PEM block type is 'PRIVATE KEY', expected CERTIFICATE");
  }

  @Test
  void parsesACertificateRequest() {
    ObjectValue csr =
        (ObjectValue) call("crypto.x509.parse_certificate_request", CryptoTestKeys.RSA_CSR);
    ObjectValue subject = (ObjectValue) csr.get("Subject");
    assertThat(subject.get("CommonName")).isEqualTo(StringValue.of("csr.regard.example"));
    assertThat(subject.get("Organization")).isEqualTo(Json.parse("[\"Regard Test\"]"));
    assertThat(csr.get("DNSNames")).isEqualTo(Json.parse("[\"csr.regard.example\"]"));
    assertThat(csr.get("IPAddresses")).isEqualTo(Json.parse("[\"192.168.1.7\"]"));
    assertThat(csr.get("PublicKeyAlgorithm")).isEqualTo(NumberValue.of(1));
    assertThat(csr.get("SignatureAlgorithm")).isEqualTo(NumberValue.of(4));
    String b64 =
        Base64.getEncoder().encodeToString(CryptoTestKeys.RSA_CSR.getBytes(StandardCharsets.UTF_8));
    assertThat(call("crypto.x509.parse_certificate_request", b64)).isEqualTo(csr);
    assertThatThrownBy(() -> call("crypto.x509.parse_certificate_request", "foobar"))
        .hasMessageStartingWith("illegal base64");
    String certB64 =
        Base64.getEncoder()
            .encodeToString(CryptoTestKeys.RSA_CERT.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> call("crypto.x509.parse_certificate_request", certB64))
        .hasMessage("invalid PEM-encoded certificate signing request");
  }

  @Test
  void parsesAKeyPair() throws Exception {
    ObjectValue pair =
        (ObjectValue)
            call(
                "crypto.x509.parse_keypair", CryptoTestKeys.RSA_CERT, CryptoTestKeys.RSA_KEY_PKCS8);
    String body = CryptoTestKeys.RSA_CERT.replaceAll("-----[A-Z ]+-----|\\s", "");
    assertThat(pair.get("Certificate")).isEqualTo(ArrayValue.of(StringValue.of(body)));
    ObjectValue key = (ObjectValue) pair.get("PrivateKey");
    RSAPrivateCrtKey expected = rsaKey();
    assertThat(key.get("D")).isEqualTo(NumberValue.of(expected.getPrivateExponent()));
    assertThat(key.get("Primes"))
        .isEqualTo(
            ArrayValue.of(
                NumberValue.of(expected.getPrimeP()), NumberValue.of(expected.getPrimeQ())));
    assertThat(((ObjectValue) ((ObjectValue) pair.get("Leaf")).get("Subject")).get("CommonName"))
        .isEqualTo(StringValue.of("regard.example"));
    // The same pair given as base64 PEM and with a PKCS #1 key.
    String b64Cert =
        Base64.getEncoder()
            .encodeToString(CryptoTestKeys.RSA_CERT.getBytes(StandardCharsets.UTF_8));
    assertThat(call("crypto.x509.parse_keypair", b64Cert, CryptoTestKeys.RSA_KEY_PKCS1))
        .isEqualTo(pair);
  }

  @Test
  void keyPairMustMatch() {
    assertThatThrownBy(
            () ->
                call(
                    "crypto.x509.parse_keypair",
                    CryptoTestKeys.EC_CERT,
                    CryptoTestKeys.RSA_KEY_PKCS8))
        .hasMessage("tls: private key does not match public key");
    ObjectValue ec =
        (ObjectValue)
            call("crypto.x509.parse_keypair", CryptoTestKeys.EC_CERT, CryptoTestKeys.EC_KEY_SEC1);
    assertThat(((ObjectValue) ec.get("PrivateKey")).get("D")).isInstanceOf(NumberValue.class);
  }

  @Test
  void rsaPrivateKeyAsJwk() throws Exception {
    ObjectValue jwk =
        (ObjectValue) call("crypto.x509.parse_rsa_private_key", CryptoTestKeys.RSA_KEY_PKCS1);
    RSAPrivateCrtKey expected = rsaKey();
    assertThat(jwk.get("kty")).isEqualTo(StringValue.of("RSA"));
    assertThat(jwk.get("e")).isEqualTo(StringValue.of("AQAB"));
    assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(str(jwk.get("n")))))
        .isEqualTo(expected.getModulus());
    assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(str(jwk.get("qi")))))
        .isEqualTo(expected.getCrtCoefficient());
    assertThat(call("crypto.x509.parse_rsa_private_key", CryptoTestKeys.RSA_KEY_PKCS8))
        .isEqualTo(jwk);
    String b64 =
        Base64.getEncoder()
            .encodeToString(CryptoTestKeys.RSA_KEY_PKCS1.getBytes(StandardCharsets.UTF_8));
    assertThat(call("crypto.x509.parse_rsa_private_key", b64)).isEqualTo(jwk);
    ObjectValue ecJwk =
        (ObjectValue) call("crypto.x509.parse_rsa_private_key", CryptoTestKeys.EC_KEY_SEC1);
    assertThat(ecJwk.get("crv")).isEqualTo(StringValue.of("P-256"));
  }

  @Test
  void rsaPrivateKeyErrors() {
    assertThatThrownBy(() -> call("crypto.x509.parse_rsa_private_key", "invalid"))
        .hasMessageStartingWith("illegal base64 data");
    assertThatThrownBy(() -> call("crypto.x509.parse_rsa_private_key", ""))
        .hasMessage("input PEM data was empty");
    assertThat(call("crypto.x509.parse_rsa_private_key", CryptoTestKeys.RSA_CERT))
        .isEqualTo(NullValue.INSTANCE);
  }

  private static RSAPrivateCrtKey rsaKey() throws Exception {
    byte[] der =
        Base64.getMimeDecoder()
            .decode(CryptoTestKeys.RSA_KEY_PKCS8.replaceAll("-----[A-Z ]+-----", ""));
    return (RSAPrivateCrtKey)
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static final String CHAIN =
      CryptoTestKeys.CHAIN_ROOT + CryptoTestKeys.CHAIN_INTERMEDIATE + CryptoTestKeys.CHAIN_LEAF;

  /** 2027-01-15, when the chain's certificates are valid. */
  private static final long CHAIN_VALID_NS = 1_800_000_000_000_000_000L;

  private static Value verifyChain(String certs, String options) {
    return StandardBuiltins.registry()
        .find("crypto.x509.parse_and_verify_certificates_with_options")
        .orElseThrow()
        .function()
        .call(
            new FixedClockContext(CHAIN_VALID_NS, Long.MAX_VALUE),
            new Value[] {StringValue.of(certs), Json.parse(options)});
  }

  private static Value verifyChain(String certs) {
    return StandardBuiltins.registry()
        .find("crypto.x509.parse_and_verify_certificates")
        .orElseThrow()
        .function()
        .call(
            new FixedClockContext(CHAIN_VALID_NS, Long.MAX_VALUE),
            new Value[] {StringValue.of(certs)});
  }

  private static String commonNames(Value result) {
    StringBuilder out = new StringBuilder();
    for (Value c : ((ArrayValue) ((ArrayValue) result).get(1)).elements()) {
      out.append(str(((ObjectValue) ((ObjectValue) c).get("Subject")).get("CommonName")))
          .append(';');
    }
    return out.toString();
  }

  @Test
  void verifiesAChainFromRootToLeaf() {
    Value ok = verifyChain(CHAIN, "{\"KeyUsages\":[\"KeyUsageClientAuth\"]}");
    assertThat(((ArrayValue) ok).get(0)).isEqualTo(BooleanValue.TRUE);
    assertThat(commonNames(ok))
        .isEqualTo("broker.regard.example;Regard Test Intermediate;Regard Test Root;");
    assertThat(
            ((ArrayValue)
                    verifyChain(
                        CHAIN,
                        "{\"KeyUsages\":[\"KeyUsageClientAuth\"],"
                            + "\"DNSName\":\"b1.brokers.regard.example\"}"))
                .get(0))
        .isEqualTo(BooleanValue.TRUE);
  }

  @Test
  void rejectsChainsThatDoNotVerify() {
    Value unverified = Json.parse("[false,[]]");
    // Server authentication is required by default, and the leaf only allows client auth.
    assertThat(verifyChain(CHAIN)).isEqualTo(unverified);
    assertThat(
            verifyChain(
                CHAIN, "{\"KeyUsages\":[\"KeyUsageClientAuth\"],\"DNSName\":\"evil.example\"}"))
        .isEqualTo(unverified);
    // Without the intermediate, or with a root that did not sign it.
    assertThat(
            verifyChain(
                CryptoTestKeys.CHAIN_ROOT + CryptoTestKeys.CHAIN_LEAF,
                "{\"KeyUsages\":[\"KeyUsageAny\"]}"))
        .isEqualTo(unverified);
    assertThat(
            verifyChain(
                CryptoTestKeys.RSA_CERT
                    + CryptoTestKeys.CHAIN_INTERMEDIATE
                    + CryptoTestKeys.CHAIN_LEAF,
                "{\"KeyUsages\":[\"KeyUsageAny\"]}"))
        .isEqualTo(unverified);
    // Before the certificates are valid (the default test clock, 2023) and after they expire.
    assertThat(
            call(
                "crypto.x509.parse_and_verify_certificates_with_options",
                StringValue.of(CHAIN),
                Json.parse("{\"KeyUsages\":[\"KeyUsageAny\"]}")))
        .isEqualTo(unverified);
    assertThat(
            verifyChain(
                CHAIN, "{\"KeyUsages\":[\"KeyUsageAny\"],\"CurrentTime\":4102444800000000000}"))
        .isEqualTo(unverified);
    assertThat(call("crypto.x509.parse_and_verify_certificates", CryptoTestKeys.CHAIN_LEAF))
        .isEqualTo(unverified);
    assertThat(call("crypto.x509.parse_and_verify_certificates", "garbage!")).isEqualTo(unverified);
  }

  @Test
  void verifyOptionErrors() {
    assertThatThrownBy(() -> verifyChain(CHAIN, "{\"Colour\":1}")).hasMessage("invalid key option");
    assertThatThrownBy(() -> verifyChain(CHAIN, "{\"KeyUsages\":[\"KeyUsageMagic\"]}"))
        .hasMessage("invalid entries for 'KeyUsages' found: [KeyUsageMagic]");
    assertThatThrownBy(() -> verifyChain(CHAIN, "{\"DNSName\":1}"))
        .hasMessage("'DNSName' should be a string");
  }

  @Test
  void parsesPrivateKeys() throws Exception {
    ArrayValue keys =
        (ArrayValue)
            call(
                "crypto.parse_private_keys",
                CryptoTestKeys.RSA_KEY_PKCS1
                    + CryptoTestKeys.EC_KEY_SEC1
                    + CryptoTestKeys.RSA_CERT);
    assertThat(keys.size()).isEqualTo(2);
    assertThat(((ObjectValue) keys.get(0)).get("N"))
        .isEqualTo(NumberValue.of(rsaKey().getModulus()));
    assertThat(((ObjectValue) keys.get(1)).get("D")).isInstanceOf(NumberValue.class);
    assertThat(call("crypto.parse_private_keys", "")).isEqualTo(NullValue.INSTANCE);
    assertThat(call("crypto.parse_private_keys", CryptoTestKeys.RSA_CERT))
        .isEqualTo(ArrayValue.EMPTY);
  }
}
