package dev.regard.kafka.bundle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** SHA-256 digests, as lowercase hex. */
final class Sha256 {
  private Sha256() {}

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** A digest of names and contents, so that any change to the file set changes it. */
  static String ofFiles(Map<String, byte[]> files) {
    MessageDigest d = digest();
    files.forEach(
        (name, bytes) -> {
          d.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          d.update((byte) 0);
          d.update(Long.toString(bytes.length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          d.update((byte) 0);
          d.update(bytes);
        });
    return HexFormat.of().formatHex(d.digest());
  }
}
