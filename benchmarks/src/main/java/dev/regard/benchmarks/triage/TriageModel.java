package dev.regard.benchmarks.triage;

import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.Disposition;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A model of 100 rules for the benchmark, mixing every kind of criterion as real models do: path
 * globs, rule ids, CWEs, tags, message patterns and configuration keys, explicit and derived. Most
 * rules do not match a given finding, so matching walks far down the list.
 */
final class TriageModel {
  private TriageModel() {}

  static List<TriageRule> rules(int count) {
    List<TriageRule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String module = SarifCorpus.MODULES[i % SarifCorpus.MODULES.length];
      String pkg = SarifCorpus.PACKAGES[i % SarifCorpus.PACKAGES.length];
      List<String> none = List.of();
      MatchCriteria match =
          switch (i % 6) {
            case 0 ->
                new MatchCriteria(
                    List.of(
                        module
                            + "/src/main/java/org/apache/kafka/"
                            + pkg
                            + "/Component"
                            + i
                            + ".java"),
                    none,
                    none,
                    none,
                    none,
                    none,
                    none);
            case 1 ->
                new MatchCriteria(
                    List.of("**/" + pkg + "/Component1" + i + "*.java"),
                    none,
                    List.of(SarifCorpus.ruleId(i % SarifCorpus.RULES)),
                    none,
                    none,
                    none,
                    none);
            case 2 ->
                new MatchCriteria(
                    List.of(module + "/**"),
                    none,
                    none,
                    List.of("CWE-" + SarifCorpus.cwe(i % SarifCorpus.RULES)),
                    none,
                    none,
                    none);
            case 3 ->
                new MatchCriteria(
                    none, List.of(module), none, none, List.of("tag-" + i), none, none);
            case 4 ->
                new MatchCriteria(
                    List.of(module + "/src/**"),
                    none,
                    none,
                    none,
                    none,
                    List.of("Result " + i + "\\d*7: data"),
                    none);
            default ->
                new MatchCriteria(
                    List.of(module + "/src/main/java/org/apache/kafka/" + pkg + "/**"),
                    none,
                    none,
                    none,
                    none,
                    none,
                    List.of("config.key." + i));
          };
      Verdict verdict = i % 4 == 0 ? Verdict.KNOWN_NON_FINDING : Verdict.OUT_OF_MODEL;
      rules.add(
          new TriageRule(
              "rule-" + i,
              verdict,
              verdict == Verdict.KNOWN_NON_FINDING
                  ? new Disposition(Disposition.KNOWN_NON_FINDING, null)
                  : new Disposition(Disposition.OUT_OF_MODEL, "trusted-input"),
              match,
              "Synthetic rule " + i,
              Provenance.DOCUMENTED,
              i % 2 == 0 ? RuleOrigin.EXPLICIT : RuleOrigin.DERIVED,
              new SourceRef("THREAT_MODEL.md", "Section " + i, 10 + i)));
    }
    return rules;
  }

  static List<Component> components() {
    List<Component> components = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      components.add(
          new Component(
              SarifCorpus.MODULES[i],
              true,
              List.of(SarifCorpus.MODULES[i] + "/src/main/java/**"),
              "",
              Provenance.DOCUMENTED,
              new SourceRef("THREAT_MODEL.md", "Scope", 5 + i)));
    }
    return components;
  }
}
