package dev.regard.threatmodel.rules;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a backticked token of a model is: a repository path, a module name, a Java package, or
 * something else (a configuration key, a class, a role, a URL path, an address) that must never
 * become a path glob.
 */
public final class Tokens {

  private static final Pattern FILE_EXTENSION =
      Pattern.compile(
          "(?i).*\\.(?:md|java|scala|kt|sh|py|go|rb|js|ts|yml|yaml|json|xml|properties|conf|txt"
              + "|jar|gradle|toml|bat|ps1|pwd|cfg|ini|html)$");
  private static final Pattern PATH_CHARS = Pattern.compile("[\\p{L}\\p{N}_.*/{},-]+");
  private static final Pattern ADDRESS = Pattern.compile("^\\d+(?:\\.\\d+){1,3}(?:/\\d+)?$|^\\d");
  private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*");
  private static final Pattern JAVA_PACKAGE =
      Pattern.compile("(?:org|com|dev|net|io)(?:\\.[a-z][a-z0-9_]*){2,}(?:\\.\\*{1,2})?");
  private static final Set<String> NOT_MODULES =
      Set.of(
          "true",
          "false",
          "null",
          "none",
          "all",
          "any",
          "http",
          "https",
          "tcp",
          "tls",
          "ssl",
          "json",
          "xml",
          "yaml",
          "yes",
          "no",
          "on",
          "off",
          "default",
          "localhost",
          "admin",
          "root");

  private static final Set<String> GENERIC_WORDS =
      Set.of(
          "a",
          "an",
          "the",
          "and",
          "or",
          "of",
          "in",
          "on",
          "for",
          "to",
          "its",
          "issues",
          "issue",
          "findings",
          "finding",
          "bugs",
          "bug",
          "reports",
          "report",
          "application-level",
          "application",
          "level",
          "tooling",
          "code",
          "module",
          "modules",
          "component",
          "components",
          "library",
          "as",
          "apache");

  private Tokens() {}

  /** The token as a repository path glob, when it is one: {@code tests/}, {@code a/b.xml}. */
  public static Optional<String> pathGlob(String token) {
    String t = token.strip();
    if (t.isEmpty()
        || t.startsWith("/")
        || t.startsWith("${")
        || t.contains("://")
        || !PATH_CHARS.matcher(t).matches()
        || ADDRESS.matcher(t).find()) {
      return Optional.empty();
    }
    boolean dotted = !t.contains("/") && t.indexOf('.') >= 0;
    if (t.contains("/") || (dotted && FILE_EXTENSION.matcher(t).matches() && !t.contains("*"))) {
      if (!t.contains("/") && t.startsWith("*.")) {
        return Optional.empty();
      }
      return Optional.of(ProseCriteria.pathGlob(t));
    }
    return Optional.empty();
  }

  /**
   * Module names from a cell listing bare names, such as {@code tools / bin / docker}; empty unless
   * every part is one, so a sentence never turns into names.
   */
  public static List<String> moduleList(String text) {
    List<String> names = new ArrayList<>();
    for (String raw : text.split("\\s*(?:/|,|;|\\band\\b|&)\\s*")) {
      String name = raw.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (moduleName(name).isEmpty()) {
        return List.of();
      }
      names.add(name);
    }
    return names;
  }

  /** The token as a module name to locate in the checkout, when it is one: {@code tools}. */
  public static Optional<String> moduleName(String token) {
    String t = token.strip();
    return MODULE_NAME.matcher(t).matches() && !NOT_MODULES.contains(t)
        ? Optional.of(t)
        : Optional.empty();
  }

  /** The token as a package path glob: {@code org.apache.hop.www} gives org/apache/hop/www/**. */
  public static Optional<String> packageGlob(String token) {
    String t = token.strip();
    if (!JAVA_PACKAGE.matcher(t).matches()) {
      return Optional.empty();
    }
    return Optional.of(t.replaceAll("\\.\\*{1,2}$", "").replace('.', '/') + "/**");
  }

  /**
   * Module names a component's title stands for: "Trogdor" gives {@code trogdor}, "Kafka Streams
   * application-level issues" gives {@code streams} once the project's own words and generic words
   * are dropped. Titles of more than two remaining words are descriptions, not names: none.
   */
  public static List<String> namesFromTitle(String title, String project) {
    Set<String> drop = new LinkedHashSet<>(GENERIC_WORDS);
    for (String word : project.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      drop.add(word);
    }
    List<String> words = new ArrayList<>();
    for (String word : title.replace("`", "").toLowerCase(Locale.ROOT).split("[^a-z0-9-]+")) {
      if (!word.isEmpty() && !drop.contains(word)) {
        words.add(word);
      }
    }
    if (words.isEmpty() || words.size() > 2) {
      return List.of();
    }
    if (words.size() == 1) {
      return MODULE_NAME.matcher(words.get(0)).matches() ? List.of(words.get(0)) : List.of();
    }
    return List.of(String.join("-", words), String.join("", words));
  }
}
