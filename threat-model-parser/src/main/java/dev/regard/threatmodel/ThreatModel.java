package dev.regard.threatmodel;

import java.util.List;
import java.util.Objects;

/**
 * A parsed threat model and security policy. Immutable; every list is possibly empty.
 *
 * @param project the project's name, taken from the documents' first heading
 * @param file the threat model's first page as given
 * @param pages every page of the model read, in chain order (the first is {@code file})
 * @param chain how the pages were found, step by step; empty when files were given explicitly
 * @param sections every heading, in document order (threat model first, then security policy)
 * @param components components named in scope or out of scope
 * @param adversaries who the model defends against
 * @param trustBoundaries where trust changes
 * @param assets what is worth protecting
 * @param controls security controls and their defaults
 * @param nonFindings known non-findings
 * @param openQuestions questions the model asks its maintainers, open and answered
 * @param dispositions the model's own disposition table, in order; empty when it has none
 * @param securityPolicy what SECURITY.md says, or {@code null} when no policy was read
 * @param undecided statements the reader could not decide and made no rule from
 * @param triageRules every rule, derived ones first, then explicit ones, in document order
 */
public record ThreatModel(
    String project,
    String file,
    List<String> pages,
    List<ChainStep> chain,
    List<Section> sections,
    List<Component> components,
    List<Claim> adversaries,
    List<Claim> trustBoundaries,
    List<Claim> assets,
    List<SecurityControl> controls,
    List<NonFinding> nonFindings,
    List<OpenQuestion> openQuestions,
    List<DispositionEntry> dispositions,
    SecurityPolicy securityPolicy,
    List<Undecided> undecided,
    List<TriageRule> triageRules) {

  /** The schema version of the rules documents this model yields. */
  public static final String SCHEMA_VERSION = "1";

  public ThreatModel {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(file, "file");
    pages = List.copyOf(pages);
    chain = List.copyOf(chain);
    sections = List.copyOf(sections);
    components = List.copyOf(components);
    adversaries = List.copyOf(adversaries);
    trustBoundaries = List.copyOf(trustBoundaries);
    assets = List.copyOf(assets);
    controls = List.copyOf(controls);
    nonFindings = List.copyOf(nonFindings);
    openQuestions = List.copyOf(openQuestions);
    dispositions = List.copyOf(dispositions);
    undecided = List.copyOf(undecided);
    triageRules = List.copyOf(triageRules);
  }

  /** The sections of this kind, in document order. */
  public List<Section> sections(SectionKind kind) {
    return sections.stream().filter(s -> s.kind() == kind).toList();
  }

  /** The versioned rules document this model yields. */
  public RulesDocument rules() {
    return new RulesDocument(SCHEMA_VERSION, project, triageRules);
  }
}
