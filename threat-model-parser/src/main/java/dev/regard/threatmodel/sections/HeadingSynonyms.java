package dev.regard.threatmodel.sections;

import com.google.re2j.Pattern;
import dev.regard.threatmodel.SectionKind;
import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises what a heading is about, whatever its numbering or wording. The list is documented in
 * {@code docs/triage-rules.md}; keep the two in step.
 */
public final class HeadingSynonyms {

  /**
   * Synonyms per kind, tried in this order so that the more specific wins ("known non-findings"
   * before "findings", "out of scope" before "scope"). Each synonym matches whole words of the
   * normalised heading.
   */
  private static final Map<SectionKind, List<String>> SYNONYMS = new LinkedHashMap<>();

  static {
    SYNONYMS.put(
        SectionKind.KNOWN_NON_FINDINGS,
        List.of(
            "known non findings",
            "non findings",
            "nonfindings",
            "false positives",
            "known false positives",
            "not vulnerabilities",
            "not a vulnerability",
            "non issues",
            "not security issues",
            "not considered security issues",
            "not security bugs",
            "known issues"));
    SYNONYMS.put(
        SectionKind.OUT_OF_SCOPE,
        List.of(
            "out of scope",
            "outside scope",
            "outside the scope",
            "not in scope",
            "non goals",
            "nongoals",
            "out of model",
            "exclusions",
            "excluded",
            "unsupported components",
            "development and test tooling",
            "test tooling"));
    SYNONYMS.put(
        SectionKind.DISPOSITIONS,
        List.of(
            "triage dispositions",
            "dispositions",
            "disposition table",
            "classifying reports",
            "classification of reports",
            "report classification",
            "triage classes",
            "how reports are classified"));
    SYNONYMS.put(
        SectionKind.OPEN_QUESTIONS,
        List.of(
            "open questions",
            "questions",
            "unresolved",
            "pending decisions",
            "open items",
            "maintainer decisions",
            "maintainer answers",
            "resolved questions",
            "to be decided"));
    SYNONYMS.put(
        SectionKind.SUPPORTED_VERSIONS,
        List.of(
            "supported versions",
            "supported releases",
            "version support",
            "support policy",
            "security updates"));
    SYNONYMS.put(
        SectionKind.REPORTING,
        List.of(
            "reporting",
            "report a vulnerability",
            "report a security issue",
            "reporting a vulnerability",
            "vulnerability disclosure",
            "disclosure",
            "security contact",
            "contact"));
    SYNONYMS.put(
        SectionKind.NON_PROPERTIES,
        List.of(
            "does not provide",
            "do not provide",
            "not provided",
            "non guarantees",
            "disclaimed properties",
            "what we do not protect",
            "limitations"));
    SYNONYMS.put(
        SectionKind.PROPERTIES,
        List.of(
            "security properties",
            "properties the project provides",
            "security guarantees",
            "guarantees"));
    SYNONYMS.put(
        SectionKind.MISUSE, List.of("misuse patterns", "misuse", "known misuses", "anti patterns"));
    SYNONYMS.put(
        SectionKind.DOWNSTREAM,
        List.of(
            "downstream responsibilities",
            "downstream",
            "operator responsibilities",
            "deployer responsibilities",
            "responsibilities"));
    SYNONYMS.put(
        SectionKind.VARIANTS,
        List.of(
            "build time and configuration variants",
            "configuration variants",
            "build variants",
            "variants"));
    SYNONYMS.put(
        SectionKind.CHANGE_TRIGGERS,
        List.of(
            "conditions that would change this model",
            "would change this model",
            "revision triggers",
            "model revision"));
    SYNONYMS.put(
        SectionKind.COMPANION,
        List.of("machine readable companion", "machine readable", "companion"));
    SYNONYMS.put(SectionKind.HEADER, List.of("header", "document control", "about this model"));
    SYNONYMS.put(
        SectionKind.SUMMARY,
        List.of("things you need to know", "summary", "at a glance", "key points", "tl dr"));
    SYNONYMS.put(
        SectionKind.ADVERSARY,
        List.of(
            "adversary",
            "adversaries",
            "adversary model",
            "attacker",
            "attackers",
            "attacker model",
            "threat actors",
            "threat actor",
            "attacker and trust boundary"));
    SYNONYMS.put(
        SectionKind.TRUST_BOUNDARIES,
        List.of(
            "trust boundaries",
            "security boundary",
            "security boundaries",
            "network boundary",
            "data flow",
            "trust boundary",
            "trust zones",
            "trust model",
            "trust assumptions",
            "trusted parties",
            "trusted peers",
            "assumptions",
            "trust"));
    SYNONYMS.put(
        SectionKind.ASSETS,
        List.of("assets", "asset", "what we protect", "protected data", "crown jewels"));
    SYNONYMS.put(
        SectionKind.CONTROLS,
        List.of(
            "security controls",
            "controls",
            "mitigations",
            "defences",
            "defenses",
            "hardening",
            "secure defaults",
            "defaults",
            "security configuration",
            "dos bounds",
            "audit logging",
            "secrets in configuration",
            "resource limits",
            "authentication",
            "authorization",
            "encryption"));
    SYNONYMS.put(
        SectionKind.SCOPE,
        List.of(
            "scope",
            "in scope",
            "components",
            "system overview",
            "architecture",
            "attack surface",
            "surface"));
  }

  /** Leading numbering: "§11a", "11a.", "1.2)", "A.", "Addendum C —", "Appendix B:". */
  private static final Pattern NUMBERING =
      Pattern.compile(
          "^(?:(?:addendum|appendix|section|part)\\s+[a-z0-9]+\\b|§\\s*[0-9]+[a-z]?(?:\\.[0-9a-z]+)*"
              + "|[0-9]+[a-z]?(?:\\.[0-9a-z]+)*\\.?\\)?|[a-z][.)])\\s*[-—–:.]*\\s*");

  private static final Pattern NUMBERING_ANY_CASE =
      Pattern.compile(NUMBERING.pattern(), Pattern.CASE_INSENSITIVE);

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private HeadingSynonyms() {}

  /** The kind a heading is about, or {@link SectionKind#OTHER}. */
  public static SectionKind classify(String heading) {
    String normalised = " " + normalise(heading) + " ";
    for (Map.Entry<SectionKind, List<String>> entry : SYNONYMS.entrySet()) {
      for (String synonym : entry.getValue()) {
        if (normalised.contains(" " + synonym + " ")) {
          return entry.getKey();
        }
      }
    }
    return SectionKind.OTHER;
  }

  /** The synonyms per kind, in the order they are tried; for documentation and tests. */
  public static Map<SectionKind, List<String>> synonyms() {
    return Collections.unmodifiableMap(SYNONYMS);
  }

  /**
   * The heading without its leading numbering, case kept: "11a.1 Weak hashes" gives "Weak hashes".
   */
  public static String stripNumbering(String heading) {
    String stripped = NUMBERING_ANY_CASE.matcher(heading.strip()).replaceFirst("");
    return stripped.isEmpty() ? heading.strip() : stripped;
  }

  /** Lower case, accents and numbering stripped, punctuation turned to single spaces. */
  static String normalise(String heading) {
    String text =
        Normalizer.normalize(heading, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .strip();
    text = NUMBERING.matcher(text).replaceFirst("");
    return NON_WORD.matcher(text).replaceAll(" ").strip();
  }
}
