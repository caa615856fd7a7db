package dev.regard.threatmodel.rules;

import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.Disposition;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.NonFinding;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.Verdict;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes rules from prose: an out-of-scope component with paths becomes an {@code out-of-model}
 * rule, a known non-finding with criteria becomes a {@code known-non-finding} rule. Entries that
 * give nothing to match on yield no rule (an empty rule would match every finding); the linter
 * reports them instead. Out-of-scope globs that would also cover an in-scope component are dropped
 * (see {@link ScopeOverlap}).
 */
public final class RuleDeriver {

  private static final Disposition UNSUPPORTED =
      new Disposition(Disposition.OUT_OF_MODEL, "unsupported-component");
  private static final Disposition NON_FINDING =
      new Disposition(Disposition.KNOWN_NON_FINDING, null);
  private static final int MAX_SLUG = 48;

  private RuleDeriver() {}

  /** The derived rules, out-of-scope components first, with ids unique among themselves. */
  public static List<TriageRule> derive(List<Component> components, List<NonFinding> nonFindings) {
    List<TriageRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Component component : components) {
      if (component.inScope()) {
        continue;
      }
      List<String> paths = outsideScope(component.paths(), components);
      if (paths.isEmpty()) {
        continue;
      }
      String rationale =
          component.note().isEmpty()
              ? "'" + component.name() + "' is out of scope of the threat model."
              : component.name() + ": " + component.note();
      rules.add(
          new TriageRule(
              uniqueId("out-of-scope." + slug(component.name()), ids),
              Verdict.OUT_OF_MODEL,
              UNSUPPORTED,
              new MatchCriteria(
                  paths, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
              rationale,
              component.provenance(),
              RuleOrigin.DERIVED,
              component.source()));
    }
    for (NonFinding nonFinding : nonFindings) {
      if (!nonFinding.derivesRule()) {
        continue;
      }
      MatchCriteria criteria = withoutInScopeGlobs(nonFinding.criteria(), components);
      if (criteria.isEmpty()) {
        continue;
      }
      Disposition disposition = ProseCriteria.disposition(nonFinding.text(), NON_FINDING);
      rules.add(
          new TriageRule(
              uniqueId("non-finding." + slug(nonFinding.title()), ids),
              verdictOf(disposition),
              disposition,
              criteria,
              nonFinding.text(),
              nonFinding.provenance(),
              RuleOrigin.DERIVED,
              nonFinding.source()));
    }
    return rules;
  }

  /**
   * Criteria that name only paths or modules must not reach an in-scope component; those globs are
   * dropped. Criteria that also name rule ids, CWEs, keys, tags or patterns stay as written, since
   * those narrow the match.
   */
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
    return new MatchCriteria(
        outsideScope(criteria.paths(), components),
        outsideScope(criteria.modules(), components),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static List<String> outsideScope(List<String> globs, List<Component> components) {
    return globs.stream()
        .filter(glob -> ScopeOverlap.coveredBy(glob, components).isEmpty())
        .toList();
  }

  /**
   * The verdict a disposition belongs to: {@code OUT-OF-MODEL:<reason>} is out of model; {@code
   * BY-DESIGN} and {@code KNOWN-NON-FINDING} are known non-findings.
   */
  public static Verdict verdictOf(Disposition disposition) {
    return Disposition.OUT_OF_MODEL.equals(disposition.kind())
        ? Verdict.OUT_OF_MODEL
        : Verdict.KNOWN_NON_FINDING;
  }

  private static String uniqueId(String base, Set<String> ids) {
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
