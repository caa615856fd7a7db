package dev.regard.rego.parse;

import dev.regard.rego.RegoException;
import dev.regard.rego.ast.Location;
import java.util.ArrayList;
import java.util.List;

/** Splits Rego source into tokens, decoding string escapes. */
final class Lexer {
  private static final String[] PUNCTS = {
    ":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ".", ",", ";", ":", "=", "<", ">",
    "+", "-", "*", "/", "%", "&", "|"
  };

  private final String file;
  private final String src;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String file, String src) {
    this.file = file;
    this.src = src;
  }

  static List<Token> tokenize(String file, String src) {
    return new Lexer(file, src).run();
  }

  private List<Token> run() {
    List<Token> out = new ArrayList<>();
    boolean newline = true;
    while (true) {
      int before = pos;
      newline |= skipSpaceAndComments();
      boolean space = pos > before;
      Location loc = here();
      if (pos >= src.length()) {
        out.add(new Token(Token.Kind.EOF, "", loc, true, true));
        return out;
      }
      char c = src.charAt(pos);
      Token t;
      if (isIdentStart(c)) {
        int start = pos;
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
          pos++;
        }
        t = new Token(Token.Kind.IDENT, src.substring(start, pos), loc, newline, space);
      } else if (c >= '0' && c <= '9') {
        t = new Token(Token.Kind.NUMBER, number(loc), loc, newline, space);
      } else if (c == '"') {
        t = new Token(Token.Kind.STRING, string(loc), loc, newline, space);
      } else if (c == '`') {
        int end = src.indexOf('`', pos + 1);
        if (end < 0) {
          throw error(loc, "non-terminated raw string");
        }
        String raw = src.substring(pos + 1, end);
        for (int i = 0; i < raw.length(); i++) {
          if (raw.charAt(i) == '\n') {
            line++;
            lineStart = pos + 1 + i + 1;
          }
        }
        pos = end + 1;
        t = new Token(Token.Kind.STRING, raw, loc, newline, space);
      } else {
        t = null;
        for (String p : PUNCTS) {
          if (src.startsWith(p, pos)) {
            pos += p.length();
            t = new Token(Token.Kind.PUNCT, p, loc, newline, space);
            break;
          }
        }
        if (t == null) {
          throw error(loc, "illegal token");
        }
      }
      out.add(t);
      newline = false;
    }
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  private Location here() {
    return new Location(file, line, pos - lineStart + 1);
  }

  /** Skips blanks and comments; returns whether a line break was passed. */
  private boolean skipSpaceAndComments() {
    boolean newline = false;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        newline = true;
        pos++;
        line++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        break;
      }
    }
    return newline;
  }

  private String number(Location loc) {
    int start = pos;
    digits();
    if (pos < src.length()
        && src.charAt(pos) == '.'
        && pos + 1 < src.length()
        && Character.isDigit(src.charAt(pos + 1))) {
      pos++;
      digits();
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      if (pos >= src.length() || !Character.isDigit(src.charAt(pos))) {
        throw error(loc, "invalid number");
      }
      digits();
    }
    if (pos < src.length() && isIdentStart(src.charAt(pos))) {
      throw error(loc, "invalid number");
    }
    String text = src.substring(start, pos);
    if (text.length() > 1 && text.charAt(0) == '0' && Character.isDigit(text.charAt(1))) {
      throw error(loc, "invalid number: leading zero");
    }
    return text;
  }

  private void digits() {
    while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '9') {
      pos++;
    }
  }

  private String string(Location loc) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw error(loc, "non-terminated string");
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= src.length()) {
        throw error(loc, "non-terminated string");
      }
      char e = src.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > src.length()) {
            throw error(loc, "invalid escape sequence");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(src.charAt(pos + i), 16);
            if (digit < 0) {
              throw error(loc, "invalid escape sequence");
            }
            code = code * 16 + digit;
          }
          sb.append((char) code);
          pos += 4;
        }
        default -> throw error(loc, "invalid escape sequence");
      }
    }
  }

  private static RegoException error(Location loc, String message) {
    return new RegoException("rego_parse_error", message, loc);
  }
}
