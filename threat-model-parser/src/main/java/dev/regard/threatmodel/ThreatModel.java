package dev.regard.threatmodel;

import java.util.List;
import java.util.Objects;

/**
 * A parsed threat model and security policy. Immutable; every list is possibly empty.
 *
 * @param project the project's name, taken from the documents' first heading
 * @param file the threat model's file as given
 * @param sections every heading, in document order (threat model first, then security policy)
 * @param components components named in scope or out of scope
 * @param adversaries who the model defends against
 * @param trustBoundaries where trust changes
 * @param assets what is worth protecting
 * @param controls security controls and their defaults
 * @param nonFindings known non-findings
 * @param openQuestions questions the model leaves open
 * @param securityPolicy what SECURITY.md says, or {@code null} when no policy was read
 * @param triageRules every rule, derived ones first, then explicit ones, in document order
 */
public record ThreatModel(
    String project,
    String file,
    List<Section> sections,
    List<Component> components,
    List<Claim> adversaries,
    List<Claim> trustBoundaries,
    List<Claim> assets,
    List<SecurityControl> controls,
    List<NonFinding> nonFindings,
    List<OpenQuestion> openQuestions,
    SecurityPolicy securityPolicy,
    List<TriageRule> triageRules) {

  /** The schema version of the rules documents this model yields. */
  public static final String SCHEMA_VERSION = "1";

  public ThreatModel {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(file, "file");
    sections = List.copyOf(sections);
    components = List.copyOf(components);
    adversaries = List.copyOf(adversaries);
    trustBoundaries = List.copyOf(trustBoundaries);
    assets = List.copyOf(assets);
    controls = List.copyOf(controls);
    nonFindings = List.copyOf(nonFindings);
    openQuestions = List.copyOf(openQuestions);
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
