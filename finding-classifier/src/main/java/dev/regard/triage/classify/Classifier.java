package dev.regard.triage.classify;

import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.Disposition;
import dev.regard.threatmodel.DispositionEntry;
import dev.regard.threatmodel.LoadedModel;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.Verdict;
import dev.regard.triage.finding.CodeMap;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.finding.Level;
import java.nio.file.Path;
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
 *   <li>the order of the model's own disposition table, when it has one (a component excluded in §3
 *       before a §11a entry when the table lists unsupported components first); otherwise
 *       known-non-finding before out-of-model;
 *   <li>rules setting more criteria before rules setting fewer;
 *   <li>document order.
 * </ol>
 *
 * A finding no rule matches stays in scope: anything the model does not exclude is for a maintainer
 * to see. A rule resting on a claim tagged {@code (inferred)} does not suppress unless the caller
 * opts in: the finding stays in scope as {@link Classification#AWAITS_CONFIRMATION}, citing the
 * claim and the open question that asks to confirm it.
 */
public final class Classifier {
  private final List<RuleMatcher> rules;
  private final ModelScope scope;
  private final boolean trustInferred;

  /**
   * Builds a classifier from rules and the model's components, without a disposition table or a
   * checkout; claims tagged {@code (inferred)} do not suppress.
   *
   * @throws IllegalArgumentException when a rule's message pattern is not a valid expression
   */
  public Classifier(List<TriageRule> rules, List<Component> components) {
    this(rules, components, List.of(), CodeMap.of(null), false);
  }

  /**
   * Builds a classifier.
   *
   * @param rules the rules, in document order
   * @param components the model's components
   * @param dispositions the model's disposition table, whose order is the precedence
   * @param code where the checkout's modules are, to locate the components rules name
   * @param trustInferred true to let claims tagged {@code (inferred)} suppress
   * @throws IllegalArgumentException when a rule's message pattern is not a valid expression
   */
  public Classifier(
      List<TriageRule> rules,
      List<Component> components,
      List<DispositionEntry> dispositions,
      CodeMap code,
      boolean trustInferred) {
    List<RuleMatcher> compiled = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      compiled.add(new RuleMatcher(rules.get(i), i, code));
    }
    compiled.sort(precedence(dispositions));
    this.rules = List.copyOf(compiled);
    this.scope = new ModelScope(components, code);
    this.trustInferred = trustInferred;
  }

  /** A classifier for a loaded model, without a checkout; inferred claims do not suppress. */
  public static Classifier of(LoadedModel model) {
    return of(model, null, false);
  }

  /**
   * A classifier for a loaded model: its rules, components and disposition table.
   *
   * @param checkout the scanned checkout, where named components are located; {@code null} for none
   * @param trustInferred true to let claims tagged {@code (inferred)} suppress
   */
  public static Classifier of(LoadedModel model, Path checkout, boolean trustInferred) {
    return new Classifier(
        model.rules().rules(),
        model.model().components(),
        model.model().dispositions(),
        CodeMap.of(checkout),
        trustInferred);
  }

  private static Comparator<RuleMatcher> precedence(List<DispositionEntry> dispositions) {
    List<String> order =
        dispositions.stream().map(d -> Disposition.ofModelName(d.name()).label()).toList();
    Comparator<RuleMatcher> byModel =
        order.isEmpty()
            ? Comparator.comparing(
                (RuleMatcher m) -> m.rule().verdict() == Verdict.KNOWN_NON_FINDING ? 0 : 1)
            : Comparator.comparingInt(
                (RuleMatcher m) -> {
                  int at = order.indexOf(m.rule().disposition().label());
                  return at < 0 ? order.size() : at;
                });
    return Comparator.comparing((RuleMatcher m) -> m.rule().origin() == RuleOrigin.EXPLICIT ? 0 : 1)
        .thenComparing(byModel)
        .thenComparing(Comparator.comparingInt(RuleMatcher::specificity).reversed())
        .thenComparingInt(RuleMatcher::documentIndex);
  }

  /** The rules in the order they are tried. */
  public List<TriageRule> rulesInPrecedence() {
    return rules.stream().map(RuleMatcher::rule).toList();
  }

  /** Classifies one finding. */
  public Classification classify(Finding finding) {
    TriageRule unconfirmed = null;
    for (RuleMatcher m : rules) {
      if (m.matches(finding)) {
        if (suppresses(m.rule())) {
          return excluded(finding, m.rule());
        }
        unconfirmed = unconfirmed == null ? m.rule() : unconfirmed;
      }
    }
    return unconfirmed == null ? inScope(finding) : awaitsConfirmation(finding, unconfirmed);
  }

  /** Classifies one finding and records every rule tried on the way. */
  public Explanation explain(Finding finding) {
    List<Explanation.Trial> trials = new ArrayList<>();
    TriageRule unconfirmed = null;
    for (RuleMatcher m : rules) {
      boolean matched = m.matches(finding);
      trials.add(new Explanation.Trial(m.rule(), matched, m.explain(finding)));
      if (matched && suppresses(m.rule())) {
        return new Explanation(excluded(finding, m.rule()), trials);
      }
      if (matched && unconfirmed == null) {
        unconfirmed = m.rule();
      }
    }
    return new Explanation(
        unconfirmed == null ? inScope(finding) : awaitsConfirmation(finding, unconfirmed), trials);
  }

  private boolean suppresses(TriageRule rule) {
    return trustInferred || !rule.inferred();
  }

  private static Classification excluded(Finding finding, TriageRule rule) {
    return new Classification(
        finding,
        TriageVerdict.of(rule.verdict()),
        rule.disposition().label(),
        rule,
        rule.rationale() + citations(rule),
        rule.source());
  }

  private static String citations(TriageRule rule) {
    if (rule.licensedBy().isEmpty()) {
      return "";
    }
    return " (licensed by "
        + String.join("; ", rule.licensedBy().stream().map(SourceRef::toString).toList())
        + ")";
  }

  private static Classification awaitsConfirmation(Finding finding, TriageRule rule) {
    return new Classification(
        finding,
        TriageVerdict.IN_SCOPE,
        Classification.AWAITS_CONFIRMATION,
        rule,
        "Rule '"
            + rule.id()
            + "' would make it "
            + rule.disposition().label()
            + ", but the claim it rests on is tagged (inferred) and awaits maintainer"
            + " confirmation"
            + (rule.confirmation() == null ? "" : " (asked in " + rule.confirmation() + ")")
            + "; it stays in scope. Run with --trust-inferred to apply such claims.",
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
              + " lies in no in-scope component: the model is silent here."
              + (finding.sourceRootRelative()
                  ? " The path is relative to a source root and could not be located in the"
                      + " checkout; run with --repo at a checkout that holds the sources (module"
                      + " folders with src/main/java) so the model's components can be mapped"
                      + " to it."
                  : ""),
          null);
    }
    boolean hardening = Level.fromIdOrWarning(finding.level()).compareTo(Level.WARNING) < 0;
    String rationale =
        component
            .map(
                c ->
                    "No rule of the model excludes it; it lies in the in-scope component '"
                        + c.name()
                        + "' ("
                        + c.source()
                        + ").")
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
