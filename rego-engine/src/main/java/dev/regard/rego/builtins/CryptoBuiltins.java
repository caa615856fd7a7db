package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** OPA's {@code crypto.*} builtins: digests, HMACs and X.509 parsing. */
final class CryptoBuiltins {
  private CryptoBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("crypto.md5", fn(S, S), (ctx, a) -> digest("MD5", a));
    b.add("crypto.sha1", fn(S, S), (ctx, a) -> digest("SHA-1", a));
    b.add("crypto.sha256", fn(S, S), (ctx, a) -> digest("SHA-256", a));
    b.add("crypto.hmac.md5", fn(S, S, S), (ctx, a) -> hmac("HmacMD5", a));
    b.add("crypto.hmac.sha1", fn(S, S, S), (ctx, a) -> hmac("HmacSHA1", a));
    b.add("crypto.hmac.sha256", fn(S, S, S), (ctx, a) -> hmac("HmacSHA256", a));
    b.add("crypto.hmac.sha512", fn(S, S, S), (ctx, a) -> hmac("HmacSHA512", a));
    b.add("crypto.hmac.equal", fn(B, S, S), CryptoBuiltins::hmacEqual);
    b.add("crypto.x509.parse_certificates", fn(arr(SOBJ), S), CryptoX509::parseCertificates);
    b.add(
        "crypto.x509.parse_certificate_request", fn(SOBJ, S), CryptoX509::parseCertificateRequest);
    b.add("crypto.x509.parse_keypair", fn(SOBJ, S, S), CryptoX509::parseKeyPair);
    b.add("crypto.x509.parse_rsa_private_key", fn(SOBJ, S), CryptoX509::parseRsaPrivateKey);
    b.add(
        "crypto.x509.parse_and_verify_certificates",
        fn(tuple(B, arr(SOBJ)), S),
        CryptoX509Verify::verify);
    b.add(
        "crypto.x509.parse_and_verify_certificates_with_options",
        fn(tuple(B, arr(SOBJ)), S, SOBJ),
        CryptoX509Verify::verifyWithOptions);
    b.add("crypto.parse_private_keys", fn(arr(SOBJ), S), CryptoX509::parsePrivateKeys);
  }

  private static Value digest(String algorithm, Value[] args) {
    byte[] data = Args.string(args, 0).getBytes(StandardCharsets.UTF_8);
    try {
      return hex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static Value hmac(String algorithm, Value[] args) {
    byte[] message = Args.string(args, 0).getBytes(StandardCharsets.UTF_8);
    byte[] key = Args.string(args, 1).getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance(algorithm);
      // An empty HMAC key is legal; the JDK refuses an empty key spec, so a lone zero byte stands
      // in for it, which HMAC pads to the same block.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
      return hex(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static Value hmacEqual(BuiltinContext ctx, Value[] args) {
    byte[] a = Args.string(args, 0).getBytes(StandardCharsets.UTF_8);
    byte[] b = Args.string(args, 1).getBytes(StandardCharsets.UTF_8);
    return BooleanValue.of(MessageDigest.isEqual(a, b));
  }

  private static StringValue hex(byte[] bytes) {
    return StringValue.of(HexFormat.of().formatHex(bytes));
  }
}
