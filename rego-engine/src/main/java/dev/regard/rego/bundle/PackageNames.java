package dev.regard.rego.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the package path of a Rego source without parsing the whole module, so that roots can be
 * enforced before the bundle reaches the compiler. Understands {@code package a.b.c} and {@code
 * package a["b.c"].d}; comments before the declaration are skipped.
 */
final class PackageNames {
  private PackageNames() {}

  /** The package's segments (without {@code data}), or null when no declaration is found. */
  static List<String> of(String source) {
    int i = skipSpaceAndComments(source, 0);
    if (!source.startsWith("package", i)) {
      return null;
    }
    i += "package".length();
    if (i >= source.length() || !Character.isWhitespace(source.charAt(i))) {
      return null;
    }
    i = skipBlanks(source, i);
    List<String> segments = new ArrayList<>();
    int start = i;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '_') {
        i++;
      } else if (c == '.') {
        segments.add(source.substring(start, i));
        start = ++i;
      } else if (c == '[') {
        if (i > start) {
          segments.add(source.substring(start, i));
        }
        int close = source.indexOf("\"]", i);
        if (source.startsWith("[\"", i) && close > i) {
          segments.add(source.substring(i + 2, close));
          i = close + 2;
          if (i < source.length() && source.charAt(i) == '.') {
            i++;
          }
          start = i;
        } else {
          return null;
        }
      } else {
        break;
      }
    }
    if (i > start) {
      segments.add(source.substring(start, i));
    }
    return segments.isEmpty() ? null : segments;
  }

  private static int skipSpaceAndComments(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else {
        break;
      }
    }
    return i;
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
