package dev.regard.triage.input;

import dev.regard.triage.finding.PathNormalizer.UriBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of one SARIF run that its results refer to, collected before the results are read.
 *
 * @param toolName {@code tool.driver.name}
 * @param driverRules {@code tool.driver.rules}, by index
 * @param extensionRules {@code tool.extensions[i].rules}, by extension index then rule index
 * @param rulesById every rule by id; the driver's win over an extension's of the same id
 * @param bases {@code originalUriBaseIds}
 * @param artifacts {@code artifacts[i].location}, by index (null where an artifact has none)
 * @param taxonomyNames {@code taxonomies[i].name}, by index
 */
public record RunContext(
    String toolName,
    List<RuleInfo> driverRules,
    List<List<RuleInfo>> extensionRules,
    Map<String, RuleInfo> rulesById,
    Map<String, UriBase> bases,
    List<UriBase> artifacts,
    List<String> taxonomyNames) {

  /** Builds a context, indexing the rules by id. */
  public static RunContext of(
      String toolName,
      List<RuleInfo> driverRules,
      List<List<RuleInfo>> extensionRules,
      Map<String, UriBase> bases,
      List<UriBase> artifacts,
      List<String> taxonomyNames) {
    Map<String, RuleInfo> byId = new HashMap<>();
    extensionRules.forEach(rules -> rules.forEach(rule -> byId.put(rule.id(), rule)));
    driverRules.forEach(rule -> byId.put(rule.id(), rule));
    return new RunContext(
        toolName,
        List.copyOf(driverRules),
        extensionRules.stream().map(List::copyOf).toList(),
        Map.copyOf(byId),
        Map.copyOf(bases),
        artifacts.stream().toList(),
        List.copyOf(taxonomyNames));
  }
}
