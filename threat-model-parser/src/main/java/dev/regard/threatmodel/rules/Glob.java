package dev.regard.threatmodel.rules;

import java.util.regex.Pattern;

/**
 * A path glob: {@code *} and {@code ?} stay within a segment, {@code **} crosses segments, {@code
 * {a,b}} is an alternative. A glob without wildcards names a file or a whole directory; a glob
 * ending in {@code /} names a directory. Leading {@code /} or {@code ./} anchor at the repository
 * root, as every glob is anchored anyway. The one glob dialect of the project: rules derived from a
 * model, {@code triage} blocks and the classifier all read globs through it.
 */
public final class Glob {
  private final String text;
  private final String literalPrefix;
  private final Pattern pattern;

  private Glob(String text, String translated, Pattern pattern) {
    this.text = text;
    this.literalPrefix = literalPrefix(translated);
    this.pattern = pattern;
  }

  /** Compiles a path glob. */
  public static Glob path(String glob) {
    String g = glob.trim().replace('\\', '/');
    while (g.startsWith("./")) {
      g = g.substring(2);
    }
    if (g.startsWith("/")) {
      g = g.substring(1);
    }
    if (g.endsWith("/")) {
      g = g + "**";
    } else if (!hasWildcard(g)) {
      g = g + "{,/**}";
    }
    return new Glob(glob, g, Pattern.compile(translate(g, true)));
  }

  /** Compiles a rule-id glob: {@code *} matches any characters, {@code /} included. */
  public static Glob ruleId(String glob) {
    String g = glob.trim();
    return new Glob(glob, g, Pattern.compile(translate(g, false)));
  }

  /** Most globs of a model fail on their literal start; checking it first spares the regex. */
  public boolean matches(String value) {
    return value.startsWith(literalPrefix) && pattern.matcher(value).matches();
  }

  private static String literalPrefix(String glob) {
    int end = 0;
    while (end < glob.length() && "*?{}".indexOf(glob.charAt(end)) < 0) {
      end++;
    }
    return glob.substring(0, end);
  }

  public String text() {
    return text;
  }

  public static boolean hasWildcard(String glob) {
    return glob.indexOf('*') >= 0 || glob.indexOf('?') >= 0 || glob.indexOf('{') >= 0;
  }

  private static String translate(String glob, boolean segments) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
          if (!segments) {
            re.append(".*");
            i += doubleStar ? 1 : 0;
          } else if (doubleStar) {
            boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
            re.append(slashAfter ? "(?:.*/)?" : ".*");
            i += slashAfter ? 2 : 1;
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append(segments ? "[^/]" : ".");
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            re.append(')');
          } else {
            re.append("\\}");
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        default -> {
          if ("\\.[]()<>+-=!^$|".indexOf(c) >= 0) {
            re.append('\\');
          }
          re.append(c);
        }
      }
    }
    if (braces > 0) {
      throw new IllegalArgumentException("unclosed '{' in glob '" + glob + "'");
    }
    return re.toString();
  }
}
