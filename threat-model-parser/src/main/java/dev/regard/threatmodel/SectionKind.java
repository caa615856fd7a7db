package dev.regard.threatmodel;

/**
 * What a section of a threat model or security policy is about, recognised from its heading by
 * meaning rather than by number or exact wording (see {@code docs/triage-rules.md}).
 */
public enum SectionKind {
  /** What the project is and which components are in scope. */
  SCOPE,
  /** Components, paths and uses the model explicitly does not cover. */
  OUT_OF_SCOPE,
  /** Who attacks and with what capabilities. */
  ADVERSARY,
  /** Where trust changes between parties or processes. */
  TRUST_BOUNDARIES,
  /** What is worth protecting. */
  ASSETS,
  /** Security controls and their default configuration. */
  CONTROLS,
  /** Recurring scanner or reporter false positives the maintainers have explained. */
  KNOWN_NON_FINDINGS,
  /**
   * The model's own table of triage dispositions ("Triage dispositions", "Classifying Reports").
   */
  DISPOSITIONS,
  /** Questions still awaiting an answer, and the maintainers' answers to them. */
  OPEN_QUESTIONS,
  /** How to report a vulnerability (security policy). */
  REPORTING,
  /** Which releases receive security fixes (security policy). */
  SUPPORTED_VERSIONS,
  /** The rubric's header: project, version binding, status, provenance legend (§1). */
  HEADER,
  /** A summary of what a reader must know ("Things you need to know"). */
  SUMMARY,
  /** Security properties the project does not provide, disclaimed on purpose (§9). */
  NON_PROPERTIES,
  /** Security properties the project provides (§8). */
  PROPERTIES,
  /** Build-time and configuration variants, and insecure defaults (§5a). */
  VARIANTS,
  /** What operators and integrators must do (§10). */
  DOWNSTREAM,
  /** Known misuse patterns (§11). */
  MISUSE,
  /** Conditions that would change the model (§12). */
  CHANGE_TRIGGERS,
  /** The machine-readable companion (§15). */
  COMPANION,
  /** Any other section. */
  OTHER
}
