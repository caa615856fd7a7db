package dev.regard.threatmodel;

import dev.regard.threatmodel.discovery.Discovery;
import dev.regard.threatmodel.rules.ScopeOverlap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a loaded threat model for gaps that weaken triage: missing sections, questions still open,
 * non-findings too vague to match anything, in-scope components without a path and a discovery
 * chain that only holds by convention.
 */
public final class Lint {

  /** Without these a finding cannot be judged against the model at all. */
  private static final Set<SectionKind> REQUIRED =
      EnumSet.of(SectionKind.SCOPE, SectionKind.ADVERSARY, SectionKind.TRUST_BOUNDARIES);

  /** Expected in an Apache-style model; their absence narrows what triage can conclude. */
  private static final Set<SectionKind> EXPECTED =
      EnumSet.of(
          SectionKind.OUT_OF_SCOPE,
          SectionKind.ASSETS,
          SectionKind.CONTROLS,
          SectionKind.KNOWN_NON_FINDINGS,
          SectionKind.OPEN_QUESTIONS);

  private Lint() {}

  /** The problems found, errors first, each group in document order. */
  public static List<LintFinding> check(LoadedModel loaded) {
    ThreatModel model = loaded.model();
    List<LintFinding> findings = new ArrayList<>();
    SourceRef top = new SourceRef(model.file(), "", 0);
    for (String step : loaded.discovery()) {
      if (step.contains(Discovery.UNREFERENCED)) {
        findings.add(error("broken discovery chain: " + step, top));
      }
    }
    for (SectionKind kind : REQUIRED) {
      if (model.sections(kind).isEmpty()) {
        findings.add(error("missing section: " + describe(kind), top));
      }
    }
    for (SectionKind kind : EXPECTED) {
      if (model.sections(kind).isEmpty()) {
        findings.add(warning("missing section: " + describe(kind), top));
      }
    }
    for (Undecided statement : model.undecided()) {
      findings.add(
          warning(
              "undecided: " + statement.statement() + " (" + statement.reason() + ")",
              statement.source()));
    }
    for (TriageRule rule : model.triageRules()) {
      if (rule.inferred()) {
        findings.add(
            warning(
                "rule '"
                    + rule.id()
                    + "' rests on an (inferred) claim: it does not suppress until a maintainer"
                    + " confirms it"
                    + (rule.confirmation() == null
                        ? ""
                        : " (asked in " + rule.confirmation() + ")"),
                rule.source()));
      }
    }
    for (Section section : model.sections()) {
      if (section.kind() == SectionKind.OTHER
          && section.level() > 1
          && model.pages().contains(section.source().file())) {
        findings.add(
            warning(
                "section not recognised: '"
                    + shorten(section.heading())
                    + "'; none of its statements is read for triage",
                section.source()));
      }
    }
    SecurityPolicy policy = model.securityPolicy();
    if (policy == null) {
      findings.add(
          warning("no SECURITY.md read: reporting channel and supported versions unknown", top));
    } else {
      SourceRef policyRef = new SourceRef(policy.file(), "", 0);
      if (policy.reportingChannels().isEmpty()) {
        findings.add(error("SECURITY.md gives no reporting channel (address or link)", policyRef));
      }
      if (policy.supportedVersions().isEmpty()) {
        findings.add(warning("SECURITY.md states no supported versions", policyRef));
      }
    }
    for (OpenQuestion question : model.openQuestions()) {
      if (question.open()) {
        String waiting =
            question.waitingOn() == null ? "" : " (waiting on " + question.waitingOn() + ")";
        findings.add(
            warning(
                "open question" + waiting + ": " + shorten(question.text()), question.source()));
      }
    }
    for (NonFinding nonFinding : model.nonFindings()) {
      if (nonFinding.criteria().isEmpty()
          && nonFinding.explicitRuleIds().isEmpty()
          && !nonFinding.ruleWaived()) {
        findings.add(
            warning(
                "known non-finding '"
                    + shorten(nonFinding.title())
                    + "' gives nothing to match (no backticked path, class, CWE id, rule id or"
                    + " config key); add one or a triage block",
                nonFinding.source()));
      }
    }
    for (Component component : model.components()) {
      for (String glob : component.inScope() ? List.<String>of() : component.paths()) {
        ScopeOverlap.coveredBy(glob, model.components())
            .ifPresent(
                inScope ->
                    findings.add(
                        warning(
                            "out-of-scope glob '"
                                + glob
                                + "' of '"
                                + shorten(component.name())
                                + "' also covers in-scope component '"
                                + inScope.name()
                                + "'; no rule is derived for it",
                            component.source())));
      }
      for (String module : component.inScope() ? List.<String>of() : component.modules()) {
        for (Component other : model.components()) {
          if (other.inScope()
              && (other.modules().contains(module)
                  || other.paths().stream().anyMatch(p -> p.startsWith(module + "/")))) {
            findings.add(
                warning(
                    "out-of-scope module '"
                        + module
                        + "' of '"
                        + shorten(component.name())
                        + "' is also kept in scope by '"
                        + shorten(other.name())
                        + "'; no rule is derived for it",
                    component.source()));
            break;
          }
        }
      }
      if (component.paths().isEmpty() && component.modules().isEmpty()) {
        findings.add(
            warning(
                (component.inScope() ? "in-scope" : "out-of-scope")
                    + " component '"
                    + shorten(component.name())
                    + "' names no path or module",
                component.source()));
      }
    }
    findings.sort(Comparator.comparing(f -> LintFinding.ERROR.equals(f.severity()) ? 0 : 1));
    return List.copyOf(findings);
  }

  private static String describe(SectionKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String shorten(String text) {
    return text.length() <= 160 ? text : text.substring(0, 157) + "...";
  }

  private static LintFinding error(String message, SourceRef source) {
    return new LintFinding(LintFinding.ERROR, message, source);
  }

  private static LintFinding warning(String message, SourceRef source) {
    return new LintFinding(LintFinding.WARNING, message, source);
  }
}
