package dev.regard.rego.bundle;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Checks a bundle against its {@code .signatures.json}, as OPA does: exactly one JWT, signed by a
 * configured key with that key's algorithm only, whose payload lists every file of the bundle
 * (except {@code .signatures.json}) with its digest. A file missing from the list, a listed file
 * missing from the bundle, or a digest that differs rejects the bundle.
 */
final class SignatureVerifier {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private SignatureVerifier() {}

  /** A file entry of the signed payload. */
  private record SignedFile(String hash, String algorithm) {}

  static void verify(BundleEntry signatures, List<BundleEntry> files, VerificationConfig config) {
    String token = singleToken(signatures);
    ObjectValue payload = verifiedPayload(token, config);
    Map<String, SignedFile> signed = signedFiles(payload);
    for (BundleEntry file : files) {
      if (file == signatures) {
        continue;
      }
      SignedFile expected = signed.remove(file.path());
      if (expected == null) {
        throw new BundleException(file.path() + ": file not included in the bundle signature");
      }
      byte[] actual = FileDigests.digest(file, expected.algorithm());
      byte[] wanted;
      try {
        wanted = HexFormat.of().parseHex(expected.hash());
      } catch (IllegalArgumentException e) {
        throw new BundleException(".signatures.json: hash of " + file.path() + " is not hex");
      }
      if (!MessageDigest.isEqual(actual, wanted)) {
        throw new BundleException(file.path() + ": digest does not match the bundle signature");
      }
    }
    if (!signed.isEmpty()) {
      throw new BundleException(
          ".signatures.json: files signed but not in the bundle: " + signed.keySet());
    }
  }

  private static String singleToken(BundleEntry signatures) {
    Value doc = DataDocuments.parseJson(signatures.content(), ".signatures.json");
    if (!(doc instanceof ObjectValue o) || !(o.get("signatures") instanceof ArrayValue list)) {
      throw new BundleException(".signatures.json: expected {\"signatures\": [JWT]}");
    }
    Value plugin = o.get("plugin");
    if (plugin instanceof StringValue p && !p.value().isEmpty()) {
      throw new BundleException(".signatures.json: signature plugin '" + p.value() + "' unknown");
    }
    if (list.size() != 1 || !(list.get(0) instanceof StringValue token)) {
      throw new BundleException(".signatures.json: expected exactly one JWT, found " + list.size());
    }
    return token.value();
  }

  private static ObjectValue verifiedPayload(String token, VerificationConfig config) {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setCompactSerialization(token);
      ObjectValue claims = parseClaims(jws.getUnverifiedPayload());
      String keyId = config.keyId();
      if (keyId == null || keyId.isEmpty()) {
        keyId = jws.getKeyIdHeaderValue();
      }
      if ((keyId == null || keyId.isEmpty()) && claims.get("keyid") instanceof StringValue k) {
        keyId = k.value();
      }
      if (keyId == null || keyId.isEmpty()) {
        throw new BundleException(".signatures.json: no key id in configuration or JWT");
      }
      VerificationKey key = config.keys().get(keyId);
      if (key == null) {
        throw new BundleException(".signatures.json: no verification key named '" + keyId + "'");
      }
      // Only the configured algorithm: a token cannot pick a weaker one (or "none").
      jws.setAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, key.algorithm()));
      jws.setKey(toJavaKey(key));
      if (!jws.verifySignature()) {
        throw new BundleException(".signatures.json: signature verification failed");
      }
      String scope = config.scope() != null ? config.scope() : key.scope();
      String claimed = claims.get("scope") instanceof StringValue s ? s.value() : null;
      if (!nullToEmpty(scope).equals(nullToEmpty(claimed))) {
        throw new BundleException(".signatures.json: scope mismatch");
      }
      return claims;
    } catch (JoseException e) {
      throw new BundleException(".signatures.json: invalid JWT: " + e.getMessage(), e);
    }
  }

  private static ObjectValue parseClaims(String json) {
    Value claims =
        DataDocuments.parseJson(json.getBytes(StandardCharsets.UTF_8), ".signatures.json payload");
    if (!(claims instanceof ObjectValue o)) {
      throw new BundleException(".signatures.json: JWT payload is not a JSON object");
    }
    return o;
  }

  private static Map<String, SignedFile> signedFiles(ObjectValue payload) {
    if (!(payload.get("files") instanceof ArrayValue list)) {
      throw new BundleException(".signatures.json: JWT payload has no 'files' list");
    }
    Map<String, SignedFile> files = new LinkedHashMap<>();
    for (Value v : list.elements()) {
      if (!(v instanceof ObjectValue f)
          || !(f.get("name") instanceof StringValue name)
          || !(f.get("hash") instanceof StringValue hash)
          || !(f.get("algorithm") instanceof StringValue alg)) {
        throw new BundleException(
            ".signatures.json: each signed file needs a name, hash and algorithm");
      }
      String path = name.value().startsWith("/") ? name.value().substring(1) : name.value();
      if (files.put(path, new SignedFile(hash.value(), alg.value())) != null) {
        throw new BundleException(".signatures.json: file " + path + " listed twice");
      }
    }
    return files;
  }

  private static Key toJavaKey(VerificationKey key) {
    if (key.isHmac()) {
      return new HmacKey(key.key().getBytes(StandardCharsets.UTF_8));
    }
    Matcher m = PEM.matcher(key.key());
    if (!m.find()) {
      throw new BundleException("verification key: expected a PEM public key or certificate");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    try {
      switch (m.group(1)) {
        case "PUBLIC KEY":
          String family = key.algorithm().startsWith("ES") ? "EC" : "RSA";
          return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
        case "CERTIFICATE":
          return CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der))
              .getPublicKey();
        default:
          throw new BundleException(
              "verification key: PEM block '" + m.group(1) + "' not supported; use PUBLIC KEY");
      }
    } catch (GeneralSecurityException e) {
      throw new BundleException("verification key: cannot read: " + e.getMessage(), e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
