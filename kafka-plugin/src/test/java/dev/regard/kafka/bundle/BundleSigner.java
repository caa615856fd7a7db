package dev.regard.kafka.bundle;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;

/** Signs bundles as {@code opa sign} does, with a fresh RSA key. */
public final class BundleSigner {
  private final KeyPair keys;

  public BundleSigner() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  public String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** The files with a .signatures.json covering all of them. */
  public Map<String, byte[]> sign(Map<String, byte[]> files) throws Exception {
    List<Value> listed = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      listed.add(
          ObjectValue.builder()
              .put("name", StringValue.of(file.getKey()))
              .put(
                  "hash",
                  StringValue.of(BundleVerifier.digest("SHA-256", file.getKey(), file.getValue())))
              .put("algorithm", StringValue.of("SHA-256"))
              .build());
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(Json.write(ObjectValue.builder().put("files", ArrayValue.of(listed)).build()));
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setKey(keys.getPrivate());
    Map<String, byte[]> signed = new LinkedHashMap<>(files);
    signed.put(
        ".signatures.json",
        BundleFixtures.bytes("{\"signatures\":[\"" + jws.getCompactSerialization() + "\"]}"));
    return signed;
  }
}
