package dev.regard.threatmodel.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.Disposition;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.markdown.Inline;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what prose gives into match criteria: backticked paths, packages, class names, module names
 * and configuration keys, and CWE ids and scanner rule ids wherever they appear. Prose that names
 * none of these yields empty criteria, which never become a rule.
 */
public final class ProseCriteria {

  private static final Pattern CWE = Pattern.compile("\\bCWE[- ]?(\\d{1,5})\\b");
  private static final Pattern RULE_ID = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
  private static final Pattern CONFIG_KEY =
      Pattern.compile("[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+|\\{\\.[a-z0-9.-]+\\})+");
  private static final Pattern OPTIONAL_PART = Pattern.compile("\\{(\\.[a-z0-9.-]+)\\}");
  private static final Pattern JAVA_PACKAGE =
      Pattern.compile("(?:org|com|dev|net)(?:\\.[a-z][a-z0-9_]*){2,}(?:\\.\\*{1,2})?");
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+");
  private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern FILE_EXTENSION =
      Pattern.compile(
          ".*\\.(?:md|java|scala|kt|sh|py|go|rb|js|ts|yml|yaml|json|xml|properties|conf|txt|jar"
              + "|gradle|toml|bat|ps1)$");
  private static final Pattern OUT_OF_MODEL =
      Pattern.compile("OUT-OF-MODEL\\s*:\\s*([a-z][a-z0-9-]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern BY_DESIGN =
      Pattern.compile("\\bby[- ]design\\b", Pattern.CASE_INSENSITIVE);

  /** A sentence that speaks of scanners, whose upper-case words may be their rule ids. */
  private static final Pattern SCANNER_CONTEXT =
      Pattern.compile(
          "(?i)\\b(?:rules?|detectors?|patterns?|scanners?|spotbugs|find ?sec\\w*|semgrep|codeql"
              + "|sonar\\w*|flag(?:s|ged)?|reported|reports?|warnings?|findings?|checks?)\\b");

  /** Security-protocol names look like scanner rule ids but are not. */
  private static final Set<String> NOT_RULE_IDS =
      Set.of(
          "SASL_SSL", "SASL_PLAINTEXT", "SCRAM_SHA_256", "SCRAM_SHA_512", "CONTROLLER_PLAINTEXT");

  private ProseCriteria() {}

  /** The criteria an entry's text gives, read sentence by sentence. */
  public static MatchCriteria of(Inline content) {
    return of("", content, "");
  }

  /**
   * The criteria an entry gives: repository paths, configuration keys, CWE ids and scanner rule ids
   * from its sentences, except those a sentence puts in scope; and, from a sentence that puts
   * something out of scope, the modules it names (its title included: "Kafka Streams
   * application-level issues" names {@code streams}). Class names, roles, addresses and URL paths
   * never become paths.
   */
  public static MatchCriteria of(String title, Inline content, String project) {
    Set<String> paths = new LinkedHashSet<>();
    Set<String> ruleIds = new LinkedHashSet<>();
    Set<String> cwes = new LinkedHashSet<>();
    Set<String> configKeys = new LinkedHashSet<>();
    Set<String> components = new LinkedHashSet<>();
    boolean out = false;
    for (Statements.Sentence sentence : Statements.of(content, Statements.Stance.NONE)) {
      if (sentence.stance() == Statements.Stance.IN) {
        continue;
      }
      boolean outSentence = sentence.stance() == Statements.Stance.OUT;
      out |= outSentence;
      for (String span : sentence.codeSpans()) {
        String code = span.strip();
        if (CWE.matcher(code).matches()) {
          continue; // found again below, in the text
        }
        if (RULE_ID.matcher(code).matches()) {
          if (!NOT_RULE_IDS.contains(code) && !code.startsWith("ROLE_")) {
            ruleIds.add(code);
          }
          continue;
        }
        java.util.Optional<String> path = Tokens.pathGlob(code);
        if (path.isPresent()) {
          paths.add(path.get());
        } else if (JAVA_PACKAGE.matcher(code).matches()) {
          paths.add(packageGlob(code));
        } else if (CONFIG_KEY.matcher(code).matches()) {
          configKeys.addAll(expandOptional(code));
        } else if (outSentence) {
          Tokens.moduleName(code).ifPresent(components::add);
        }
      }
      Matcher cwe = CWE.matcher(sentence.text());
      while (cwe.find()) {
        cwes.add("CWE-" + Integer.parseInt(cwe.group(1)));
      }
      if (SCANNER_CONTEXT.matcher(sentence.text()).find()) {
        Matcher ruleId = RULE_ID.matcher(sentence.text());
        while (ruleId.find()) {
          if (!NOT_RULE_IDS.contains(ruleId.group()) && !ruleId.group().startsWith("ROLE_")) {
            ruleIds.add(ruleId.group());
          }
        }
      }
    }
    if (out && !title.isEmpty()) {
      components.addAll(Tokens.namesFromTitle(title, project));
    }
    return new MatchCriteria(
        List.copyOf(paths),
        List.of(),
        List.copyOf(ruleIds),
        List.copyOf(cwes),
        List.of(),
        List.of(),
        List.copyOf(configKeys),
        List.copyOf(components));
  }

  /**
   * Module globs from a list of names such as {@code tools / bin / docker}: each name that is a
   * bare lower-case identifier becomes {@code name/**}. Returns an empty list unless every name is
   * one, so a sentence never turns into globs.
   */
  public static List<String> moduleGlobs(String names) {
    List<String> globs = new ArrayList<>();
    for (String raw : names.split("\\s*(?:/|,|;|\\band\\b|&)\\s*")) {
      String name = raw.strip().replace("`", "");
      if (name.isEmpty()) {
        continue;
      }
      if (!MODULE_NAME.matcher(name).matches()) {
        return List.of();
      }
      globs.add(name + "/**");
    }
    return globs;
  }

  /** Module globs from backticked names that are not paths, e.g. {@code `raft`}. */
  public static List<String> backtickedModules(Inline content) {
    List<String> globs = new ArrayList<>();
    for (String span : content.codeSpans()) {
      String code = span.strip();
      if (MODULE_NAME.matcher(code).matches()) {
        globs.add(code + "/**");
      }
    }
    return globs;
  }

  /**
   * The disposition the text states ({@code OUT-OF-MODEL: reason} or "by design"), or {@code
   * fallback}.
   */
  public static Disposition disposition(String text, Disposition fallback) {
    Matcher outOfModel = OUT_OF_MODEL.matcher(text);
    if (outOfModel.find()) {
      return new Disposition(
          Disposition.OUT_OF_MODEL, outOfModel.group(1).toLowerCase(Locale.ROOT));
    }
    return BY_DESIGN.matcher(text).find() ? new Disposition(Disposition.BY_DESIGN, null) : fallback;
  }

  /** A path as a glob: no leading {@code ./} or {@code /}, and a trailing {@code /} covers all. */
  public static String pathGlob(String path) {
    String glob = path.replace('\\', '/');
    while (glob.startsWith("./")) {
      glob = glob.substring(2);
    }
    while (glob.startsWith("/")) {
      glob = glob.substring(1);
    }
    return glob.endsWith("/") ? glob + "**" : glob;
  }

  private static String packageGlob(String pkg) {
    String base = pkg.replaceAll("\\.\\*{1,2}$", "");
    return base.replace('.', '/') + "/**";
  }

  /** {@code max.connections{.per.ip}} names both {@code max.connections} and the longer key. */
  private static List<String> expandOptional(String key) {
    if (!key.contains("{")) {
      return List.of(key);
    }
    return List.of(
        OPTIONAL_PART.matcher(key).replaceAll(""), OPTIONAL_PART.matcher(key).replaceAll("$1"));
  }
}
