package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import com.google.re2j.Pattern;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's glob builtins, with the syntax of the gobwas/glob library OPA uses: {@code *} matches any
 * run of non-delimiter characters, {@code **} any run at all, {@code ?} one non-delimiter
 * character, {@code [a-z]} / {@code [!a-z]} a character class, {@code {a,b}} alternatives and
 * {@code \} escapes. Globs compile to RE2 patterns, so matching is linear-time.
 */
final class GlobBuiltins {
  private static final RegexCache<Pattern> GLOBS = new RegexCache<>(1000);
  private static final String SPECIAL = "*?[]{}\\";

  private GlobBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("glob.match", fn(B, S, any(NL, arr(S)), S), GlobBuiltins::match);
    b.add("glob.quote_meta", fn(S, S), (ctx, a) -> StringValue.of(quoteMeta(Args.string(a, 0))));
  }

  private static Value match(BuiltinContext ctx, Value[] a) {
    String glob = Args.string(a, 0);
    List<String> delimiters = delimiters(a);
    String text = Args.string(a, 2);
    String key = String.join("\u0000", delimiters) + "\u0001" + glob;
    Pattern p =
        GLOBS.get(
            key, k -> RegexBuiltins.compileUncached(GlobTranslator.toRegex(glob, delimiters)));
    return BooleanValue.of(p.matcher(text).matches());
  }

  /** The delimiter operand: null means none, an empty array means {@code "."}. */
  private static List<String> delimiters(Value[] a) {
    Value v = a[1];
    if (v instanceof NullValue) {
      return List.of();
    }
    if (!(v instanceof ArrayValue arr)) {
      throw Args.operandError(1, "one of {array, null}", v);
    }
    if (arr.isEmpty()) {
      return List.of(".");
    }
    List<String> out = new ArrayList<>();
    for (Value item : arr.elements()) {
      if (!(item instanceof StringValue s)) {
        throw StringsBuiltins.elementError(1, v, item, "string");
      }
      if (s.value().isEmpty() || s.value().codePointCount(0, s.value().length()) != 1) {
        throw StringsBuiltins.elementError(1, v, item, "rune");
      }
      out.add(s.value());
    }
    return out;
  }

  /** Escapes every glob metacharacter with a backslash, as gobwas's {@code QuoteMeta}. */
  static String quoteMeta(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Translates glob syntax to an anchored RE2 pattern. */
  static final class GlobTranslator {
    private static final String ANY = "(?s:.)";
    private static final String NOTHING = "[^\\x{0}-\\x{10FFFF}]";

    private final String glob;
    private final String notDelimiter;
    private int pos;
    private int depth;

    private GlobTranslator(String glob, List<String> delimiters) {
      this.glob = glob;
      if (delimiters.isEmpty()) {
        notDelimiter = "(?s:.)";
      } else {
        StringBuilder sb = new StringBuilder("[^");
        for (String d : delimiters) {
          sb.append(escapeInClass(d.codePointAt(0)));
        }
        notDelimiter = sb.append(']').toString();
      }
    }

    static String toRegex(String glob, List<String> delimiters) {
      GlobTranslator t = new GlobTranslator(glob, delimiters);
      String body = t.sequence();
      if (t.pos < glob.length()) {
        throw invalid(glob, "unexpected " + glob.charAt(t.pos));
      }
      return "^(?s:" + body + ")$";
    }

    /** Parses until the end, or a ',' or '}' closing an alternative inside braces. */
    private String sequence() {
      StringBuilder re = new StringBuilder();
      while (pos < glob.length()) {
        int c = glob.codePointAt(pos);
        if (depth > 0 && (c == ',' || c == '}')) {
          break;
        }
        pos += Character.charCount(c);
        switch (c) {
          case '*' -> {
            if (pos < glob.length() && glob.charAt(pos) == '*') {
              while (pos < glob.length() && glob.charAt(pos) == '*') {
                pos++;
              }
              re.append(".*");
            } else {
              re.append(notDelimiter).append('*');
            }
          }
          case '?' -> re.append(notDelimiter);
          case '[' -> re.append(characterClass());
          case '{' -> re.append(alternatives());
          case '\\' -> {
            if (pos >= glob.length()) {
              throw invalid(glob, "unexpected end of input");
            }
            int escaped = glob.codePointAt(pos);
            pos += Character.charCount(escaped);
            re.append(Pattern.quote(new String(Character.toChars(escaped))));
          }
          default -> re.append(Pattern.quote(new String(Character.toChars(c))));
        }
      }
      return re.toString();
    }

    private String alternatives() {
      depth++;
      List<String> options = new ArrayList<>();
      while (true) {
        options.add(sequence());
        if (pos >= glob.length()) {
          throw invalid(glob, "unexpected end of input");
        }
        char c = glob.charAt(pos++);
        if (c == '}') {
          break;
        }
      }
      depth--;
      return "(?:" + String.join("|", options) + ")";
    }

    /**
     * A class after '[', as gobwas reads it: either one range {@code a-z} or a list of characters
     * (with backslash escapes), optionally negated by a leading '!'.
     */
    private String characterClass() {
      boolean negated = pos < glob.length() && glob.charAt(pos) == '!';
      if (negated) {
        pos++;
      }
      if (pos >= glob.length()) {
        throw invalid(glob, "unexpected end of input");
      }
      int first = glob.codePointAt(pos);
      int afterFirst = pos + Character.charCount(first);
      if (afterFirst < glob.length() && glob.charAt(afterFirst) == '-') {
        pos = afterFirst + 1;
        if (pos >= glob.length()) {
          throw invalid(glob, "unexpected end of input");
        }
        int hi = glob.codePointAt(pos);
        pos += Character.charCount(hi);
        if (pos >= glob.length() || glob.charAt(pos) != ']') {
          throw invalid(glob, "expected close range character");
        }
        pos++;
        if (hi < first) {
          return negated ? ANY : NOTHING; // an empty range, as gobwas compiles it
        }
        return (negated ? "[^" : "[") + escapeInClass(first) + "-" + escapeInClass(hi) + "]";
      }
      StringBuilder chars = new StringBuilder();
      while (pos < glob.length() && glob.charAt(pos) != ']') {
        if (glob.charAt(pos) == '\\' && pos + 1 < glob.length()) {
          pos++;
        }
        int c = glob.codePointAt(pos);
        pos += Character.charCount(c);
        chars.append(escapeInClass(c));
      }
      if (pos >= glob.length()) {
        throw invalid(glob, "unexpected end of input");
      }
      pos++;
      if (chars.length() == 0) {
        return negated ? ANY : NOTHING;
      }
      return (negated ? "[^" : "[") + chars + "]";
    }

    private static String escapeInClass(int cp) {
      String s = new String(Character.toChars(cp));
      return cp < 0x80 && !Character.isLetterOrDigit(cp) ? "\\" + s : s;
    }

    private static BuiltinException invalid(String glob, String reason) {
      return BuiltinException.error(reason + " in glob " + StringsSprintf.goQuote(glob));
    }
  }
}
