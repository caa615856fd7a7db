package dev.regard.threatmodel.reader;

import com.google.re2j.Pattern;
import dev.regard.threatmodel.ChainStep;
import dev.regard.threatmodel.Claim;
import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.DispositionEntry;
import dev.regard.threatmodel.NonFinding;
import dev.regard.threatmodel.OpenQuestion;
import dev.regard.threatmodel.Section;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.SecurityPolicy;
import dev.regard.threatmodel.ThreatModel;
import dev.regard.threatmodel.ThreatModelException;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.markdown.MarkdownDocument;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.rules.ProseCriteria;
import dev.regard.threatmodel.rules.RuleDeriver;
import dev.regard.threatmodel.rules.TriageBlockReader;
import dev.regard.threatmodel.sections.SectionTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ThreatModel} from a parsed THREAT_MODEL.md and, optionally, SECURITY.md. */
public final class ModelReader {

  private static final Pattern TITLE_NOISE =
      Pattern.compile(
          "(?i)\\((?:[^)]*)\\)|\\b(?:draft|v\\d+(?:\\.\\d+)*)\\b|\\bthreat[- ]model\\b"
              + "|\\bsecurity (?:policy|model)\\b");
  private static final Pattern DANGLING_WORDS =
      Pattern.compile("(?i)^[\\s:—–|-]*(?:for|of)\\b|\\b(?:for|of)[\\s:—–|-]*$");

  /** "This entry has no `triage` rule on purpose", "so no extra rule": derive nothing. */
  private static final Pattern RULE_WAIVED =
      Pattern.compile(
          "(?i)\\bno\\s+(?:extra\\s+|additional\\s+|separate\\s+)?`?triage`?\\s+rules?\\b"
              + "|\\bno\\s+(?:extra|additional|separate)\\s+rules?\\b");

  private ModelReader() {}

  /**
   * Reads the model.
   *
   * @param pages the parsed pages of the threat model, in chain order, at least one
   * @param security the parsed security policy, or {@code null}
   * @param fallbackProject the project name to use when the documents' titles give none
   * @param chain how the pages were found
   * @throws ThreatModelException if a {@code triage} block is invalid or rule ids collide
   */
  public static ThreatModel read(
      List<MarkdownDocument> pages,
      MarkdownDocument security,
      String fallbackProject,
      List<ChainStep> chain) {
    MarkdownDocument threatModel = pages.get(0);
    List<SectionTree.Classified> modelSections = new ArrayList<>();
    for (MarkdownDocument page : pages) {
      modelSections.addAll(SectionTree.classify(page));
    }
    List<SectionTree.Classified> policySections =
        security == null ? List.of() : SectionTree.classify(security);
    List<SectionTree.Classified> all = new ArrayList<>(modelSections);
    all.addAll(policySections);

    String project = project(pages, security, fallbackProject);
    ScopeReader.Reading scope = ScopeReader.read(modelSections, project);
    List<Component> components = scope.components();
    Map<SectionTree.Classified, List<TriageRule>> explicit = explicitRules(all);
    List<NonFinding> nonFindings = nonFindings(all, explicit, project);
    List<OpenQuestion> questions = QuestionReader.read(modelSections, lines(pages));
    List<DispositionEntry> dispositions = DispositionReader.read(modelSections);
    List<TriageRule> rules =
        new ArrayList<>(RuleDeriver.derive(components, nonFindings, dispositions, questions));
    explicit.values().forEach(rules::addAll);
    checkUniqueIds(rules);

    SecurityPolicy policy =
        security == null ? null : PolicyReader.read(security.file(), policySections);
    return new ThreatModel(
        project,
        threatModel.file(),
        pages.stream().map(MarkdownDocument::file).toList(),
        chain,
        all.stream().map(SectionTree.Classified::section).filter(s -> s.level() > 0).toList(),
        components,
        claims(modelSections, SectionKind.ADVERSARY),
        claims(modelSections, SectionKind.TRUST_BOUNDARIES),
        claims(modelSections, SectionKind.ASSETS),
        ControlReader.read(modelSections),
        nonFindings,
        questions,
        dispositions,
        policy,
        scope.undecided(),
        rules);
  }

  private static Map<String, List<String>> lines(List<MarkdownDocument> pages) {
    Map<String, List<String>> lines = new HashMap<>();
    for (MarkdownDocument page : pages) {
      lines.put(page.file(), page.text().lines().toList());
    }
    return lines;
  }

  /**
   * Entries of the non-findings sections: each list item or table row, or, for a sub-section
   * written as prose ("### 11a.1 Weak hashes"), the sub-section as a whole, together with the
   * triage rules written in it.
   */
  private static List<NonFinding> nonFindings(
      List<SectionTree.Classified> sections,
      Map<SectionTree.Classified, List<TriageRule>> explicit,
      String project) {
    List<NonFinding> nonFindings = new ArrayList<>();
    for (SectionTree.Classified section : of(sections, SectionKind.KNOWN_NON_FINDINGS)) {
      List<Entry> entries = Entry.of(section, false);
      List<String> ruleIds = List.of();
      if (entries.isEmpty() && section.inherited()) {
        entries = Entry.whole(section).stream().toList();
        ruleIds = explicit.getOrDefault(section, List.of()).stream().map(TriageRule::id).toList();
      }
      for (Entry entry : entries) {
        String text = entry.content().text();
        nonFindings.add(
            new NonFinding(
                entry.title(),
                text,
                ProseCriteria.of(entry.title(), entry.content(), project),
                ruleIds,
                RULE_WAIVED.matcher(text).find(),
                SectionProvenance.of(text, section),
                entry.source()));
      }
    }
    return nonFindings;
  }

  private static List<Claim> claims(List<SectionTree.Classified> sections, SectionKind kind) {
    List<Claim> claims = new ArrayList<>();
    for (SectionTree.Classified section : of(sections, kind)) {
      for (Entry entry : Entry.of(section, true)) {
        String text = entry.content().text();
        if (!text.isBlank()) {
          claims.add(new Claim(text, SectionProvenance.of(text, section), entry.source()));
        }
      }
    }
    return claims;
  }

  /** The rules of every {@code triage} block, per section, in document order. */
  private static Map<SectionTree.Classified, List<TriageRule>> explicitRules(
      List<SectionTree.Classified> sections) {
    Map<SectionTree.Classified, List<TriageRule>> rules = new LinkedHashMap<>();
    for (SectionTree.Classified section : sections) {
      for (MdBlock block : section.body().blocks()) {
        if (block instanceof MdBlock.Fence fence && TriageBlockReader.INFO.equals(fence.info())) {
          rules
              .computeIfAbsent(section, s -> new ArrayList<>())
              .addAll(
                  TriageBlockReader.read(
                      section.section().source().file(), section.section().heading(), fence));
        }
      }
    }
    return rules;
  }

  private static void checkUniqueIds(List<TriageRule> rules) {
    Map<String, TriageRule> seen = new HashMap<>();
    for (TriageRule rule : rules) {
      TriageRule earlier = seen.putIfAbsent(rule.id(), rule);
      if (earlier != null) {
        throw new ThreatModelException(
            rule.source().file(),
            rule.source().line(),
            "rule id '" + rule.id() + "' is already used at " + earlier.source());
      }
    }
  }

  private static List<SectionTree.Classified> of(
      List<SectionTree.Classified> sections, SectionKind kind) {
    return sections.stream().filter(s -> s.section().kind() == kind).toList();
  }

  /** The first level-one heading with "threat model" and similar words removed. */
  static String project(
      List<MarkdownDocument> pages, MarkdownDocument security, String fallbackProject) {
    List<MarkdownDocument> documents = new ArrayList<>(pages);
    if (security != null) {
      documents.add(security);
    }
    for (MarkdownDocument document : documents) {
      for (Section section :
          SectionTree.classify(document).stream()
              .map(SectionTree.Classified::section)
              .filter(s -> s.level() == 1)
              .toList()) {
        String name = TITLE_NOISE.matcher(section.heading()).replaceAll(" ").strip();
        name =
            DANGLING_WORDS
                .matcher(name)
                .replaceAll("")
                .replaceAll("[\\s:—–|-]+$", "")
                .replaceAll("^[\\s:—–|-]+", "")
                .replaceAll("\\s+", " ")
                .strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
    }
    return fallbackProject;
  }
}
