package dev.regard.rego.bundle;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Makes {@code .signatures.json} files the way {@code opa sign} does, for tests: a JWT whose
 * payload lists each file with its SHA-256 digest. The digest is taken over the text given per
 * file, which for structured documents the test writes in canonical form.
 */
final class BundleSigner {
  private BundleSigner() {}

  static String signatures(Map<String, String> hashedText, String alg, Key key, String kid) {
    String files =
        hashedText.entrySet().stream()
            .map(
                e ->
                    "{\"name\":\""
                        + e.getKey()
                        + "\",\"hash\":\""
                        + sha256(e.getValue())
                        + "\",\"algorithm\":\"SHA-256\"}")
            .collect(Collectors.joining(","));
    return "{\"signatures\":[\"" + jwt("{\"files\":[" + files + "]}", alg, key, kid) + "\"]}";
  }

  static String jwt(String payload, String alg, Key key, String kid) {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(payload);
      jws.setAlgorithmHeaderValue(alg);
      if (kid != null) {
        jws.setKeyIdHeaderValue(kid);
      }
      jws.setKey(key);
      jws.setDoKeyValidation(false);
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(java.security.PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
