package dev.regard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Signs bundles as {@code opa sign} does, with a fresh RSA key: a {@code .signatures.json} whose
 * JWT lists every file with the SHA-256 of its bytes, or for structured documents ({@code
 * data.json}, {@code .manifest}) of their compact form with sorted keys and {@code <}, {@code >},
 * {@code &} left as they are (OPA hashes with HTML escaping off). The JWT payload itself is written
 * as Go's {@code json.Marshal} writes it, with those three characters escaped. Written
 * independently of the verifiers it tests.
 */
public final class BundleSigner {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** Go's json.Marshal escapes HTML's special characters as unicode escapes. */
  private static final ObjectMapper GO_MARSHAL = new ObjectMapper();

  static {
    CharacterEscapes html =
        new CharacterEscapes() {
          private final int[] escapes = standardAsciiEscapesForJSON();

          {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
          }

          @Override
          public int[] getEscapeCodesForAscii() {
            return escapes;
          }

          @Override
          public SerializableString getEscapeSequence(int ch) {
            return null;
          }
        };
    GO_MARSHAL.getFactory().setCharacterEscapes(html);
  }

  private final KeyPair keys;

  public BundleSigner() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  /** The public key, PEM-encoded as a broker's verification key setting takes it. */
  public String publicKeyPem() {
    return pem(keys.getPublic());
  }

  /** The files with a {@code .signatures.json} covering all of them. */
  public Map<String, byte[]> sign(Map<String, byte[]> files) throws Exception {
    List<Map<String, String>> listed = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("name", file.getKey());
      entry.put("hash", sha256(file.getKey(), file.getValue()));
      entry.put("algorithm", "SHA-256");
      listed.add(entry);
    }
    Map<String, byte[]> signed = new LinkedHashMap<>(files);
    signed.put(
        ".signatures.json",
        ("{\"signatures\":[\""
                + jwt(GO_MARSHAL.writeValueAsString(Map.of("files", listed)))
                + "\"]}")
            .getBytes(StandardCharsets.UTF_8));
    return signed;
  }

  private String jwt(String payload) {
    return jwt(payload, AlgorithmIdentifiers.RSA_USING_SHA256, keys.getPrivate(), null);
  }

  /**
   * A {@code .signatures.json} over texts given per file name, hashed as given: for tests that need
   * any algorithm, key or key id, or a payload that is wrong on purpose.
   */
  public static String signatures(Map<String, String> hashedText, String alg, Key key, String kid) {
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

  /** A compact JWS of {@code payload}; key validation is off so tests can use weak keys. */
  public static String jwt(String payload, String alg, Key key, String kid) {
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

  /** The hex SHA-256 of a text's UTF-8 bytes. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A public key in PEM form. */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String sha256(String name, byte[] bytes)
      throws GeneralSecurityException, JsonProcessingException, java.io.IOException {
    byte[] hashed = bytes;
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (base.equals("data.json") || base.equals(".manifest")) {
      hashed = CANONICAL.writeValueAsBytes(CANONICAL.readValue(bytes, Object.class));
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(hashed));
  }
}
