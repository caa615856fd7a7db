package dev.regard.triage.classify;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.rules.Glob;
import dev.regard.triage.finding.CodeMap;
import dev.regard.triage.finding.Cwe;
import dev.regard.triage.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One triage rule compiled for matching: globs and patterns are built once. Criteria are tried
 * cheapest first (ids, CWEs, tags, then paths, then patterns). Message patterns use RE2, so a
 * pattern from a model cannot make matching take exponential time.
 */
final class RuleMatcher {
  private final TriageRule rule;
  private final int documentIndex;
  private final List<Glob> ruleIds;
  private final Set<String> cwes;
  private final Set<String> tags;
  private final List<PathGlob> paths;
  private final List<PathGlob> modules;
  private final List<Pattern> messagePatterns;
  private final List<String> configKeys;
  private final List<PathGlob> components;

  RuleMatcher(TriageRule rule, int documentIndex, CodeMap code) {
    this.rule = rule;
    this.documentIndex = documentIndex;
    MatchCriteria m = rule.match();
    this.ruleIds = m.ruleIds().stream().map(Glob::ruleId).toList();
    this.cwes = m.cwes().stream().map(Cwe::normalise).collect(Collectors.toUnmodifiableSet());
    this.tags =
        m.tags().stream()
            .map(t -> t.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    this.paths = m.paths().stream().map(PathGlob::of).toList();
    this.modules = m.modules().stream().map(PathGlob::of).toList();
    List<Pattern> patterns = new ArrayList<>();
    for (String p : m.messagePatterns()) {
      try {
        patterns.add(Pattern.compile(p));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "rule '"
                + rule.id()
                + "' ("
                + rule.source().file()
                + ":"
                + rule.source().line()
                + "): invalid message pattern '"
                + p
                + "': "
                + e.getMessage(),
            e);
      }
    }
    this.messagePatterns = List.copyOf(patterns);
    this.configKeys = m.configKeys();
    List<PathGlob> located = new ArrayList<>();
    for (String name : m.components()) {
      code.globs(name).stream().map(PathGlob::of).forEach(located::add);
    }
    this.components = List.copyOf(located);
  }

  private MatchCriteria m() {
    return rule.match();
  }

  TriageRule rule() {
    return rule;
  }

  int documentIndex() {
    return documentIndex;
  }

  /** How many criteria the rule sets: more criteria, more specific. */
  int specificity() {
    MatchCriteria m = rule.match();
    int n = 0;
    for (List<String> criterion :
        List.of(
            m.paths(),
            m.modules(),
            m.ruleIds(),
            m.cwes(),
            m.tags(),
            m.messagePatterns(),
            m.configKeys(),
            m.components())) {
      n += criterion.isEmpty() ? 0 : 1;
    }
    return n;
  }

  /** True when every criterion the rule sets matches; a rule that sets none matches nothing. */
  boolean matches(Finding f) {
    if (rule.match().isEmpty()) {
      return false;
    }
    return (ruleIds.isEmpty() || ruleIdMatches(f))
        && (cwes.isEmpty() || cweMatches(f))
        && (tags.isEmpty() || tagMatches(f))
        && locationMatches(f)
        && (configKeys.isEmpty() || configKeyMatches(f))
        && (messagePatterns.isEmpty() || messageMatches(f));
  }

  /**
   * Where the finding is: the paths and modules a rule sets (both, when both are set), or else the
   * components it names, located in the checkout. Components are an alternative to paths, since a
   * model names a module both ways ("`integration-tests/`" and "`hop-website`").
   */
  private boolean locationMatches(Finding f) {
    boolean byPath = !paths.isEmpty() || !modules.isEmpty();
    boolean byComponent = !m().components().isEmpty();
    if (!byPath && !byComponent) {
      return true;
    }
    return (byPath
            && (paths.isEmpty() || anyPath(paths, f))
            && (modules.isEmpty() || moduleMatches(f)))
        || (byComponent && anyPath(components, f));
  }

  /** Every criterion checked against {@code f}, matched or not, for explanations. */
  List<CriterionCheck> explain(Finding f) {
    List<CriterionCheck> checks = new ArrayList<>();
    MatchCriteria m = rule.match();
    if (m.isEmpty()) {
      checks.add(
          new CriterionCheck("(none)", false, "the rule sets no criterion, so it never applies"));
      return checks;
    }
    add(checks, "ruleIds", m.ruleIds(), ruleIds.isEmpty() || ruleIdMatches(f), f.ruleId());
    add(checks, "cwes", m.cwes(), cwes.isEmpty() || cweMatches(f), f.cwes().toString());
    add(checks, "tags", m.tags(), tags.isEmpty() || tagMatches(f), f.tags().toString());
    String where =
        f.path() == null
            ? "(no path)"
            : f.path() + (f.sourceRootRelative() ? " (relative to a Java source root)" : "");
    add(checks, "paths", m.paths(), paths.isEmpty() || locationMatches(f), where);
    String module = f.logicalLocation() == null ? where : where + ", " + f.logicalLocation();
    add(checks, "modules", m.modules(), modules.isEmpty() || moduleMatches(f), module);
    add(
        checks,
        "components",
        m.components(),
        m.components().isEmpty() || locationMatches(f),
        components.isEmpty()
            ? "not located in the checkout (run with --repo at a checkout holding the sources)"
            : where + " vs located " + components.stream().map(PathGlob::text).toList());
    add(
        checks,
        "configKeys",
        m.configKeys(),
        configKeys.isEmpty() || configKeyMatches(f),
        "message and evidence");
    add(
        checks,
        "messagePatterns",
        m.messagePatterns(),
        messagePatterns.isEmpty() || messageMatches(f),
        "message '" + abbreviate(f.message()) + "'");
    return checks;
  }

  private static void add(
      List<CriterionCheck> checks, String name, List<String> wanted, boolean ok, String actual) {
    if (!wanted.isEmpty()) {
      checks.add(new CriterionCheck(name, ok, wanted + " vs " + actual));
    }
  }

  private boolean ruleIdMatches(Finding f) {
    if (f.ruleId() == null) {
      return false;
    }
    for (Glob g : ruleIds) {
      if (g.matches(f.ruleId())) {
        return true;
      }
    }
    return false;
  }

  private boolean cweMatches(Finding f) {
    for (String cwe : f.cwes()) {
      if (cwes.contains(cwe)) {
        return true;
      }
    }
    return false;
  }

  private boolean tagMatches(Finding f) {
    for (String tag : f.tags()) {
      if (tags.contains(tag.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyPath(List<PathGlob> globs, Finding f) {
    for (PathGlob g : globs) {
      if (g.matches(f)) {
        return true;
      }
    }
    return false;
  }

  /** A module matches as a path glob, or as a Java package prefix of the enclosing class. */
  private boolean moduleMatches(Finding f) {
    if (anyPath(modules, f)) {
      return true;
    }
    String logical = f.logicalLocation();
    if (logical == null) {
      return false;
    }
    for (String module : rule.match().modules()) {
      if (logical.equals(module) || logical.startsWith(module + ".")) {
        return true;
      }
    }
    return false;
  }

  private boolean configKeyMatches(Finding f) {
    for (String key : configKeys) {
      if (mentions(f.message(), key) || mentions(f.evidence(), key)) {
        return true;
      }
    }
    return false;
  }

  private boolean messageMatches(Finding f) {
    for (Pattern p : messagePatterns) {
      if (p.matcher(f.message()).find()) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code key} occurs in {@code text} as a whole word of a configuration key. */
  static boolean mentions(String text, String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
      int end = at + key.length();
      if ((at == 0 || !keyChar(text.charAt(at - 1)))
          && (end == text.length() || !keyChar(text.charAt(end)) || sentenceEnd(text, end))) {
        return true;
      }
    }
    return false;
  }

  /** A full stop that ends a sentence rather than continuing a dotted key. */
  private static boolean sentenceEnd(String text, int at) {
    return text.charAt(at) == '.'
        && (at + 1 == text.length() || Character.isWhitespace(text.charAt(at + 1)));
  }

  private static boolean keyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
