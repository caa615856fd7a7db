package dev.regard.threatmodel.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.Disposition;
import dev.regard.threatmodel.DispositionEntry;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.NonFinding;
import dev.regard.threatmodel.OpenQuestion;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.Verdict;
import dev.regard.threatmodel.sections.HeadingSynonyms;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Makes rules from prose: an out-of-scope component becomes an {@code out-of-model} rule over its
 * paths and the modules it names, a known non-finding with criteria a {@code known-non-finding}
 * rule. Entries that give nothing to match on yield no rule (an empty rule would match every
 * finding); the linter reports them instead. Whatever the model keeps in scope vetoes: out-of-scope
 * globs that would cover an in-scope component and modules an in-scope statement names are dropped
 * (see {@link ScopeOverlap}).
 *
 * <p>The model's disposition table, when it has one, names the verdicts: a rule from §3 takes the
 * row licensed by §3 ({@code OUT-OF-MODEL: unsupported-component}) and cites it, and also cites the
 * known non-findings that name the same code. A claim tagged {@code (inferred)} keeps its tag and
 * the open question that asks the maintainers to confirm it.
 */
public final class RuleDeriver {

  private static final Disposition UNSUPPORTED =
      new Disposition(Disposition.OUT_OF_MODEL, "unsupported-component");
  private static final Disposition NON_FINDING =
      new Disposition(Disposition.KNOWN_NON_FINDING, null);
  private static final int MAX_SLUG = 48;
  private static final Pattern SECTION_NUMBER =
      Pattern.compile("^\\s*§?\\s*(\\d+[a-z]?(?:\\.\\d+[a-z]?)*)\\b");

  private final List<Component> components;
  private final List<NonFinding> nonFindings;
  private final List<DispositionEntry> dispositions;
  private final List<OpenQuestion> questions;
  private final Set<String> ids = new HashSet<>();

  private RuleDeriver(
      List<Component> components,
      List<NonFinding> nonFindings,
      List<DispositionEntry> dispositions,
      List<OpenQuestion> questions) {
    this.components = components;
    this.nonFindings = nonFindings;
    this.dispositions = dispositions;
    this.questions = questions;
  }

  /** The derived rules of a model without a disposition table or questions. */
  public static List<TriageRule> derive(List<Component> components, List<NonFinding> nonFindings) {
    return derive(components, nonFindings, List.of(), List.of());
  }

  /** The derived rules, out-of-scope components first, with ids unique among themselves. */
  public static List<TriageRule> derive(
      List<Component> components,
      List<NonFinding> nonFindings,
      List<DispositionEntry> dispositions,
      List<OpenQuestion> questions) {
    return new RuleDeriver(components, nonFindings, dispositions, questions).derive();
  }

  private List<TriageRule> derive() {
    List<TriageRule> rules = new ArrayList<>();
    for (Component component : components) {
      if (component.inScope()) {
        continue;
      }
      List<String> paths = outsideScope(component.paths(), components);
      List<String> modules = modulesOutsideScope(component.modules());
      if (paths.isEmpty() && modules.isEmpty()) {
        continue;
      }
      String rationale =
          component.note().isEmpty()
              ? "'" + component.name() + "' is out of scope of the threat model."
              : component.name() + ": " + component.note();
      Optional<DispositionEntry> entry = entryFor(component.source(), true);
      Disposition disposition =
          entry.map(e -> Disposition.ofModelName(e.name())).orElse(UNSUPPORTED);
      Provenance provenance = provenance(component, paths, modules);
      List<SourceRef> licensedBy = new ArrayList<>();
      entry.ifPresent(e -> licensedBy.add(e.source()));
      for (NonFinding nonFinding : nonFindings) {
        if (sharesCode(nonFinding.criteria(), paths, modules)
            || mentions(nonFinding.text(), component.name())) {
          licensedBy.add(nonFinding.source());
        }
      }
      rules.add(
          new TriageRule(
              uniqueId("out-of-scope." + slug(component.name())),
              Verdict.OUT_OF_MODEL,
              disposition,
              new MatchCriteria(
                  paths, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), modules),
              rationale,
              provenance,
              RuleOrigin.DERIVED,
              component.source(),
              licensedBy,
              provenance == Provenance.INFERRED
                  ? confirmation(component.source(), paths, modules)
                  : null));
    }
    for (NonFinding nonFinding : nonFindings) {
      if (!nonFinding.derivesRule()) {
        continue;
      }
      MatchCriteria criteria = withoutInScopeCode(nonFinding.criteria());
      if (criteria.isEmpty()) {
        continue;
      }
      Optional<DispositionEntry> entry =
          namedIn(nonFinding.text()).or(() -> entryFor(nonFinding.source(), false));
      Disposition fallback = entry.map(e -> Disposition.ofModelName(e.name())).orElse(NON_FINDING);
      Disposition disposition = ProseCriteria.disposition(nonFinding.text(), fallback);
      rules.add(
          new TriageRule(
              uniqueId("non-finding." + slug(nonFinding.title())),
              verdictOf(disposition),
              disposition,
              criteria,
              nonFinding.text(),
              nonFinding.provenance(),
              RuleOrigin.DERIVED,
              nonFinding.source(),
              entry.map(e -> List.of(e.source())).orElse(List.of()),
              nonFinding.provenance() == Provenance.INFERRED
                  ? confirmation(nonFinding.source(), criteria.paths(), criteria.components())
                  : null));
    }
    return rules;
  }

  /**
   * The provenance of an out-of-scope claim: where several claims put the same code out (a table
   * row "Out (see §3)" and the §3 item), a confirmed tag ({@code documented}, {@code maintainer})
   * among them stands for all; otherwise an {@code inferred} one does.
   */
  private Provenance provenance(Component component, List<String> paths, List<String> modules) {
    Set<Provenance> tags = new LinkedHashSet<>();
    tags.add(component.provenance());
    Set<String> code = codeKeys(paths, modules);
    for (Component other : components) {
      if (!other.inScope()
          && codeKeys(other.paths(), other.modules()).stream().anyMatch(code::contains)) {
        tags.add(other.provenance());
      }
    }
    for (Provenance confirmed : List.of(Provenance.MAINTAINER, Provenance.DOCUMENTED)) {
      if (tags.contains(confirmed)) {
        return confirmed;
      }
    }
    return tags.contains(Provenance.INFERRED) ? Provenance.INFERRED : Provenance.UNSTATED;
  }

  /**
   * The row of the disposition table that licenses a rule from {@code source}: a suppressing row
   * citing the source's section number (§3) or naming its heading ("see Development and Test
   * Tooling above"); failing that, for an out-of-scope rule, the row for unsupported components.
   */
  private Optional<DispositionEntry> entryFor(SourceRef source, boolean outOfScope) {
    String number = sectionNumber(source.section());
    String heading = HeadingSynonyms.stripNumbering(source.section()).toLowerCase(Locale.ROOT);
    for (DispositionEntry entry : dispositions) {
      if (!entry.suppresses()) {
        continue;
      }
      boolean cites =
          (!number.isEmpty() && entry.licensedBy().contains("§" + number))
              || (!heading.isEmpty() && entry.meaning().toLowerCase(Locale.ROOT).contains(heading));
      if (cites && (outOfScope || !entry.name().toUpperCase(Locale.ROOT).contains("OUT-OF"))) {
        return Optional.of(entry);
      }
    }
    for (DispositionEntry entry : dispositions) {
      String name = entry.name().toLowerCase(Locale.ROOT);
      String meaning = entry.meaning().toLowerCase(Locale.ROOT);
      if (entry.suppresses()
          && (outOfScope
              ? name.contains("unsupported") || meaning.contains("unsupported component")
              : name.contains("known-non-finding") || name.contains("known non-finding"))) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** The suppressing disposition the entry's text names ("… are out of scope"), if any. */
  private Optional<DispositionEntry> namedIn(String text) {
    for (DispositionEntry entry : dispositions) {
      String name = entry.name().replaceAll("^(?i)(?:an?|the)\\s+", "");
      if (entry.suppresses()
          && Pattern.compile("(?i)(?:^|[^\\w-])" + Pattern.quote(name) + "(?:$|[^\\w-])")
              .matcher(text)
              .find()) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /**
   * The open question that asks to confirm a claim: one naming the same code, or failing that one
   * citing the claim's section; open questions before answered ones.
   */
  private String confirmation(SourceRef source, List<String> paths, List<String> modules) {
    Set<String> words = new LinkedHashSet<>(modules);
    for (String path : paths) {
      String literal = path.replaceAll("[/*{}].*$", "").replaceAll("/+$", "");
      if (!literal.isEmpty()) {
        words.add(literal);
      }
    }
    String number = sectionNumber(source.section());
    for (boolean wantOpen : new boolean[] {true, false}) {
      for (OpenQuestion question : questions) {
        if (question.open() == wantOpen
            && words.stream().anyMatch(w -> mentions(question.text(), w))) {
          return describe(question);
        }
      }
    }
    if (!number.isEmpty()) {
      for (OpenQuestion question : questions) {
        if (question.open() && mentions(question.text(), "§" + number)) {
          return describe(question);
        }
      }
    }
    return null;
  }

  private static String describe(OpenQuestion question) {
    return question.citation()
        + " ("
        + question.source().file()
        + ":"
        + question.source().line()
        + (question.open() ? "" : ", answered")
        + ")";
  }

  private static boolean mentions(String text, String word) {
    return Pattern.compile("(?:^|[^\\w-])" + Pattern.quote(word) + "(?:$|[^\\w-])")
        .matcher(text)
        .find();
  }

  static String sectionNumber(String heading) {
    Matcher m = SECTION_NUMBER.matcher(heading);
    return m.find() ? m.group(1) : "";
  }

  private static boolean sharesCode(
      MatchCriteria criteria, List<String> paths, List<String> modules) {
    Set<String> code = codeKeys(paths, modules);
    return codeKeys(criteria.paths(), criteria.components()).stream().anyMatch(code::contains);
  }

  /** Module names and the literal folders paths start with: {@code samples} for samples/**. */
  private static Set<String> codeKeys(List<String> paths, List<String> modules) {
    Set<String> keys = new HashSet<>(modules);
    for (String path : paths) {
      String literal = path.replaceAll("[*{].*$", "").replaceAll("/+$", "");
      if (!literal.isEmpty()) {
        keys.add(literal);
      }
    }
    return keys;
  }

  /**
   * Criteria that name only paths or modules must not reach an in-scope component; those are
   * dropped. Criteria that also name rule ids, CWEs, keys, tags or patterns stay as written, since
   * those narrow the match.
   */
  private MatchCriteria withoutInScopeCode(MatchCriteria criteria) {
    return withoutInScopeGlobs(criteria, components);
  }

  /** As {@link #withoutInScopeCode}, for a given list of components. */
  static MatchCriteria withoutInScopeGlobs(MatchCriteria criteria, List<Component> components) {
    boolean onlyLocations =
        criteria.ruleIds().isEmpty()
            && criteria.cwes().isEmpty()
            && criteria.configKeys().isEmpty()
            && criteria.tags().isEmpty()
            && criteria.messagePatterns().isEmpty();
    if (!onlyLocations) {
      return criteria;
    }
    Set<String> inScopeModules = inScopeModules(components);
    return new MatchCriteria(
        outsideScope(criteria.paths(), components),
        outsideScope(criteria.modules(), components),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        criteria.components().stream().filter(m -> !inScopeModules.contains(m)).toList());
  }

  private List<String> modulesOutsideScope(List<String> modules) {
    Set<String> inScope = inScopeModules(components);
    return modules.stream().filter(m -> !inScope.contains(m)).toList();
  }

  /** Module names an in-scope component names, or whose first path segment it is. */
  private static Set<String> inScopeModules(List<Component> components) {
    Set<String> names = new HashSet<>();
    for (Component component : components) {
      if (component.inScope()) {
        names.addAll(component.modules());
        for (String path : component.paths()) {
          String first = path.replaceAll("/.*$", "");
          if (!first.contains("*")) {
            names.add(first);
          }
        }
      }
    }
    return names;
  }

  private static List<String> outsideScope(List<String> globs, List<Component> components) {
    return globs.stream()
        .filter(glob -> ScopeOverlap.coveredBy(glob, components).isEmpty())
        .toList();
  }

  /**
   * The verdict a disposition belongs to: {@code KNOWN-NON-FINDING}, {@code BY-DESIGN} and {@code
   * DISCLAIMED} are known non-findings; every other suppressing disposition is out of model.
   */
  public static Verdict verdictOf(Disposition disposition) {
    String kind = disposition.kind();
    return kind.equals(Disposition.KNOWN_NON_FINDING)
            || kind.equals(Disposition.BY_DESIGN)
            || kind.equals("DISCLAIMED")
        ? Verdict.KNOWN_NON_FINDING
        : Verdict.OUT_OF_MODEL;
  }

  private String uniqueId(String base) {
    String id = base;
    for (int n = 2; !ids.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /** Lower-case ASCII words joined by hyphens, at most {@value #MAX_SLUG} characters. */
  static String slug(String text) {
    String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String slug =
        ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) {
      int cut = slug.lastIndexOf('-', MAX_SLUG);
      slug = slug.substring(0, cut > 0 ? cut : MAX_SLUG);
    }
    return slug.isEmpty() ? "entry" : slug;
  }
}
