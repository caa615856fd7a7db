package dev.regard.triage.input;

import dev.regard.triage.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The two names a finding can be referred to by: its position and its content fingerprint. */
public final class FindingIds {
  private FindingIds() {}

  /** {@code <file name>#<1-based ordinal>}, e.g. {@code spotbugs.sarif#12}. */
  public static String id(String inputName, int ordinal) {
    return inputName + "#" + ordinal;
  }

  /** The file-name part of an input path, with either separator. */
  public static String inputName(String input) {
    String unified = input.replace('\\', '/');
    return unified.substring(unified.lastIndexOf('/') + 1);
  }

  /**
   * True when {@code ref} names the finding: its fingerprint, its id, or {@code <file>#<n>} with
   * the file given by name or by path.
   */
  public static boolean refersTo(String ref, Finding f) {
    if (ref.equals(f.fingerprint()) || ref.equals(f.id())) {
      return true;
    }
    int hash = ref.lastIndexOf('#');
    return hash > 0
        && ref.substring(hash).equals(f.id().substring(f.id().lastIndexOf('#')))
        && inputName(ref.substring(0, hash)).equals(inputName(f.input()));
  }

  /** 16 hex digits of SHA-256 over tool, rule, location and message. */
  public static String fingerprint(
      String tool, String ruleId, String path, int line, String message) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {
            tool, ruleId, path, Integer.toString(line), message == null ? "" : message
          }) {
        sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
