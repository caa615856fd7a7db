package dev.regard.kafka.bundle;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Checks a bundle's {@code .signatures.json} as OPA signs bundles: one JWS whose payload lists
 * every file with its digest. The signature must verify with the configured key and algorithm,
 * every file of the bundle must be listed with a matching digest, and every listed file must be
 * present. JSON files are digested in their canonical form (sorted keys, no spaces), others as
 * bytes.
 */
public final class BundleVerifier {
  static final String SIGNATURES = ".signatures.json";
  private static final Set<String> HMAC = Set.of("HS256", "HS384", "HS512");
  private static final Map<String, String> DIGESTS =
      Map.of("SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

  private final String algorithm;
  private final Key key;

  private BundleVerifier(String algorithm, Key key) {
    this.algorithm = algorithm;
    this.key = key;
  }

  /**
   * @param algorithm a JWS algorithm (RS256, PS256, ES256, HS256, ... )
   * @param keyText a PEM public key for RS/PS/ES algorithms; the shared secret for HS algorithms
   */
  public static BundleVerifier of(String algorithm, String keyText) {
    try {
      if (HMAC.contains(algorithm)) {
        return new BundleVerifier(algorithm, new HmacKey(keyText.getBytes(StandardCharsets.UTF_8)));
      }
      String base64 =
          keyText.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
      X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
      String family = algorithm.startsWith("ES") ? "EC" : "RSA";
      return new BundleVerifier(algorithm, KeyFactory.getInstance(family).generatePublic(spec));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the bundle verification key is not a PEM public key usable with " + algorithm, e);
    }
  }

  public void verify(Map<String, byte[]> files) throws BundleException {
    byte[] signatures = files.get(SIGNATURES);
    if (signatures == null) {
      throw new BundleException(
          "bundle is not signed (no " + SIGNATURES + ") but a verification key is configured");
    }
    Value doc = BundleReader.parseJson(SIGNATURES, signatures);
    if (!(doc instanceof ObjectValue o
        && o.get("signatures") instanceof ArrayValue list
        && list.size() == 1
        && list.get(0) instanceof StringValue jws)) {
      throw new BundleException(SIGNATURES + ": expected {\"signatures\": [\"<one JWS>\"]}");
    }
    Value payload = Json.parse(verifiedPayload(jws.value()), SIGNATURES + " payload");
    if (!(payload instanceof ObjectValue p && p.get("files") instanceof ArrayValue listed)) {
      throw new BundleException(SIGNATURES + ": the signed payload lists no files");
    }
    Map<String, ObjectValue> expected = new HashMap<>();
    for (Value entry : listed.elements()) {
      if (!(entry instanceof ObjectValue e && e.get("name") instanceof StringValue name)) {
        throw new BundleException(SIGNATURES + ": a listed file has no name");
      }
      expected.put(BundlePaths.normalize(name.value()), e);
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (file.getKey().equals(SIGNATURES)) {
        continue;
      }
      ObjectValue entry = expected.remove(file.getKey());
      if (entry == null) {
        throw new BundleException(file.getKey() + ": not covered by the bundle signature");
      }
      String digestName = entry.get("algorithm") instanceof StringValue a ? a.value() : "SHA-256";
      if (!DIGESTS.containsKey(digestName)) {
        throw new BundleException(file.getKey() + ": unsupported digest " + digestName);
      }
      String actual = digest(digestName, file.getKey(), file.getValue());
      if (!(entry.get("hash") instanceof StringValue hash && hash.value().equals(actual))) {
        throw new BundleException(file.getKey() + ": digest does not match the bundle signature");
      }
    }
    if (!expected.isEmpty()) {
      throw new BundleException(
          "signed files missing from the bundle: " + new java.util.TreeSet<>(expected.keySet()));
    }
  }

  private String verifiedPayload(String compact) throws BundleException {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setAlgorithmConstraints(
          new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm));
      jws.setCompactSerialization(compact);
      jws.setKey(key);
      if (!jws.verifySignature()) {
        throw new BundleException(SIGNATURES + ": the signature does not verify");
      }
      return jws.getPayload();
    } catch (JoseException e) {
      throw new BundleException(SIGNATURES + ": invalid signature: " + e.getMessage(), e);
    }
  }

  /** The digest OPA records for a bundle file. */
  public static String digest(String algorithm, String name, byte[] bytes) throws BundleException {
    byte[] input = bytes;
    if (name.endsWith(".json") || name.equals(".manifest")) {
      input = Json.write(BundleReader.parseJson(name, bytes)).getBytes(StandardCharsets.UTF_8);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
    } catch (GeneralSecurityException e) {
      throw new BundleException("digest " + algorithm + " unavailable", e);
    }
  }
}
