package dev.regard.triage.input;

import java.util.List;
import java.util.Map;

/**
 * What a SARIF run says about one of its rules ({@code reportingDescriptor}).
 *
 * @param id the rule id
 * @param tags {@code properties.tags}
 * @param cwes CWEs from tags, {@code properties.cwe} and relationships to a CWE taxonomy
 * @param defaultLevel {@code defaultConfiguration.level}, or {@code null}
 * @param messageStrings {@code messageStrings} by id, for results that cite a message by id
 */
public record RuleInfo(
    String id,
    List<String> tags,
    List<String> cwes,
    String defaultLevel,
    Map<String, String> messageStrings) {

  /** Copies the collections. */
  public RuleInfo {
    tags = List.copyOf(tags);
    cwes = List.copyOf(cwes);
    messageStrings = Map.copyOf(messageStrings);
  }
}
