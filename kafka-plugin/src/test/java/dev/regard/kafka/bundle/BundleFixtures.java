package dev.regard.kafka.bundle;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small bundles for tests. */
public final class BundleFixtures {
  private BundleFixtures() {}

  public static final String POLICY =
      "package kafka.authz\n\ndefault allow := false\n\nallow if input.principal.name in data.kafka.authz.writers\n";

  /** A bundle whose data lists the given writers. */
  public static Map<String, byte[]> files(String... writers) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(".manifest", bytes("{\"revision\":\"v1\",\"roots\":[\"kafka\"]}"));
    files.put("kafka/authz/policy.rego", bytes(POLICY));
    StringBuilder data = new StringBuilder("{\"writers\":[");
    for (int i = 0; i < writers.length; i++) {
      data.append(i == 0 ? "" : ",").append('"').append(writers[i]).append('"');
    }
    files.put("kafka/authz/data.json", bytes(data.append("]}").toString()));
    return files;
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
