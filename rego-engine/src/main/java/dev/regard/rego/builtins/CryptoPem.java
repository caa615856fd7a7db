package dev.regard.rego.builtins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** PEM blocks ({@code -----BEGIN TYPE-----}), read as Go's {@code encoding/pem} reads them. */
final class CryptoPem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private CryptoPem() {}

  /** A decoded block: its type and its bytes. */
  record Block(String type, byte[] bytes) {}

  static boolean looksLikePem(String s) {
    return s.startsWith("-----BEGIN");
  }

  /**
   * Every well-formed block of {@code text}, in order. A block whose body is not base64 is skipped,
   * as Go does; reading stops at a BEGIN line without its END line, so the work stays linear in the
   * size of the input.
   */
  static List<Block> decodeAll(String text) {
    List<Block> out = new ArrayList<>();
    int pos = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, pos);
      if (begin < 0) {
        return out;
      }
      int typeEnd = text.indexOf(DASHES, begin + BEGIN.length());
      int lineEnd = text.indexOf('\n', begin);
      if (typeEnd < 0 || lineEnd < 0 || typeEnd > lineEnd) {
        return out;
      }
      String type = text.substring(begin + BEGIN.length(), typeEnd);
      String end = "-----END " + type + DASHES;
      int endAt = text.indexOf(end, lineEnd);
      if (endAt < 0) {
        return out;
      }
      String body = text.substring(lineEnd + 1, endAt);
      // Headers ("Proc-Type: ...") end at the first blank line.
      int blank = body.indexOf("\n\n");
      if (body.contains(":") && blank >= 0) {
        body = body.substring(blank + 2);
      }
      try {
        out.add(
            new Block(type, Base64.getDecoder().decode(WHITESPACE.matcher(body).replaceAll(""))));
      } catch (IllegalArgumentException e) {
        // Not valid base64: Go's pem.Decode does not recognise such a block.
      }
      pos = endAt + end.length();
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
