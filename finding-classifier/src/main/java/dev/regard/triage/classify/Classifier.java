package dev.regard.triage.classify;

import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.LoadedModel;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.Verdict;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.finding.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Applies a model's triage rules to findings. Thread-safe and immutable once built.
 *
 * <p>Rules are tried in precedence order and the first that matches decides:
 *
 * <ol>
 *   <li>explicit rules (written in a {@code triage} block) before rules derived from prose;
 *   <li>known-non-finding before out-of-model;
 *   <li>rules setting more criteria before rules setting fewer;
 *   <li>document order.
 * </ol>
 *
 * A finding no rule matches stays in scope: anything the model does not exclude is for a maintainer
 * to see.
 */
public final class Classifier {
  private static final Comparator<RuleMatcher> PRECEDENCE =
      Comparator.comparing((RuleMatcher m) -> m.rule().origin() == RuleOrigin.EXPLICIT ? 0 : 1)
          .thenComparing(m -> m.rule().verdict() == Verdict.KNOWN_NON_FINDING ? 0 : 1)
          .thenComparing(Comparator.comparingInt(RuleMatcher::specificity).reversed())
          .thenComparingInt(RuleMatcher::documentIndex);

  private final List<RuleMatcher> rules;
  private final ModelScope scope;

  /**
   * Builds a classifier from rules and the model's components.
   *
   * @throws IllegalArgumentException when a rule's message pattern is not a valid expression
   */
  public Classifier(List<TriageRule> rules, List<Component> components) {
    List<RuleMatcher> compiled = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      compiled.add(new RuleMatcher(rules.get(i), i));
    }
    compiled.sort(PRECEDENCE);
    this.rules = List.copyOf(compiled);
    this.scope = new ModelScope(components);
  }

  /** A classifier for a loaded model: its rules and its components. */
  public static Classifier of(LoadedModel model) {
    return new Classifier(model.rules().rules(), model.model().components());
  }

  /** The rules in the order they are tried. */
  public List<TriageRule> rulesInPrecedence() {
    return rules.stream().map(RuleMatcher::rule).toList();
  }

  /** Classifies one finding. */
  public Classification classify(Finding finding) {
    for (RuleMatcher m : rules) {
      if (m.matches(finding)) {
        return excluded(finding, m.rule());
      }
    }
    return inScope(finding);
  }

  /** Classifies one finding and records every rule tried on the way. */
  public Explanation explain(Finding finding) {
    List<Explanation.Trial> trials = new ArrayList<>();
    for (RuleMatcher m : rules) {
      boolean matched = m.matches(finding);
      trials.add(new Explanation.Trial(m.rule(), matched, m.explain(finding)));
      if (matched) {
        return new Explanation(excluded(finding, m.rule()), trials);
      }
    }
    return new Explanation(inScope(finding), trials);
  }

  private static Classification excluded(Finding finding, TriageRule rule) {
    return new Classification(
        finding,
        TriageVerdict.of(rule.verdict()),
        rule.disposition().label(),
        rule,
        rule.rationale(),
        rule.source());
  }

  private Classification inScope(Finding finding) {
    Optional<Component> component = scope.covering(finding);
    if (component.isEmpty() && finding.path() != null) {
      return new Classification(
          finding,
          TriageVerdict.IN_SCOPE,
          Classification.MODEL_GAP,
          null,
          "No rule of the model excludes it, and its path "
              + finding.path()
              + " lies in no in-scope component: the model is silent here.",
          null);
    }
    boolean hardening = Level.fromIdOrWarning(finding.level()).compareTo(Level.WARNING) < 0;
    String rationale =
        component
            .map(
                c ->
                    "No rule of the model excludes it; it lies in the in-scope component '"
                        + c.name()
                        + "'.")
            .orElse(
                "No rule of the model excludes it; it has no location to place in a component.");
    return new Classification(
        finding,
        TriageVerdict.IN_SCOPE,
        hardening ? Classification.VALID_HARDENING : Classification.VALID,
        null,
        rationale,
        component.map(Component::source).orElse(null));
  }
}
