package dev.regard.threatmodel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a finding must look like for a rule to apply. All lists are immutable and possibly empty. A
 * rule matches a finding when every non-empty criterion matches:
 *
 * <ul>
 *   <li>{@code paths}, {@code modules}: glob on the finding's normalised repository-relative path
 *       with {@code /} separators, {@code **} allowed;
 *   <li>{@code ruleIds}: exact or glob on the scanner rule id;
 *   <li>{@code cwes}: {@code CWE-502} form;
 *   <li>{@code tags}: any tag equal ignoring case;
 *   <li>{@code messagePatterns}: a regular expression found in the message;
 *   <li>{@code configKeys}: the key mentioned in the message or evidence;
 *   <li>{@code components}: names of code ("Trogdor", {@code tools}) located in the scanned
 *       checkout as module folders and the package paths their sources declare.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MatchCriteria(
    List<String> paths,
    List<String> modules,
    List<String> ruleIds,
    List<String> cwes,
    List<String> tags,
    List<String> messagePatterns,
    List<String> configKeys,
    List<String> components) {

  /** Criteria that constrain nothing. */
  public static final MatchCriteria NONE =
      new MatchCriteria(
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  @JsonCreator
  public MatchCriteria {
    paths = copy(paths);
    modules = copy(modules);
    ruleIds = copy(ruleIds);
    cwes = copy(cwes);
    tags = copy(tags);
    messagePatterns = copy(messagePatterns);
    configKeys = copy(configKeys);
    components = copy(components);
  }

  /** Criteria without component names. */
  public MatchCriteria(
      List<String> paths,
      List<String> modules,
      List<String> ruleIds,
      List<String> cwes,
      List<String> tags,
      List<String> messagePatterns,
      List<String> configKeys) {
    this(paths, modules, ruleIds, cwes, tags, messagePatterns, configKeys, List.of());
  }

  /** True when no criterion is given, so the criteria alone would match nothing precisely. */
  @JsonIgnore
  public boolean isEmpty() {
    return paths.isEmpty()
        && modules.isEmpty()
        && ruleIds.isEmpty()
        && cwes.isEmpty()
        && tags.isEmpty()
        && messagePatterns.isEmpty()
        && configKeys.isEmpty()
        && components.isEmpty();
  }

  private static List<String> copy(List<String> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}
