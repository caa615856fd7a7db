package dev.regard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
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

  private String jwt(String payload) throws JoseException {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(payload);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setKey(keys.getPrivate());
    return jws.getCompactSerialization();
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
