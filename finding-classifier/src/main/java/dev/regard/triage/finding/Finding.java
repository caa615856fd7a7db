package dev.regard.triage.finding;

import java.util.List;

/**
 * One scanner or agent finding, normalised so that rules can match it whatever tool produced it.
 *
 * @param id stable reference within one run: {@code <input file name>#<1-based ordinal>}
 * @param fingerprint content hash of tool, rule, location and message; survives reordering
 * @param input the input file as given on the command line
 * @param tool the producing tool's name, e.g. {@code SpotBugs}
 * @param ruleId the scanner's rule id, or {@code null} when the finding names none
 * @param level SARIF level: {@code error}, {@code warning}, {@code note} or {@code none}
 * @param message the finding's message text
 * @param path repo-relative path with {@code /} separators, or {@code null} when only a class or
 *     nothing is known
 * @param line 1-based start line, or 0 when unknown
 * @param sourceRootRelative true when {@code path} is relative to a Java source root (derived from
 *     a class name or a SpotBugs source path) rather than to the repository root
 * @param logicalLocation fully qualified name of the enclosing class or function, or {@code null}
 * @param cwes CWE ids in {@code CWE-79} form
 * @param tags the rule's and the result's tags
 * @param evidence free text supporting the finding (agent findings, code snippets), or empty
 */
public record Finding(
    String id,
    String fingerprint,
    String input,
    String tool,
    String ruleId,
    String level,
    String message,
    String path,
    int line,
    boolean sourceRootRelative,
    String logicalLocation,
    List<String> cwes,
    List<String> tags,
    String evidence) {

  /** Copies the lists so that the record stays immutable. */
  public Finding {
    cwes = List.copyOf(cwes);
    tags = List.copyOf(tags);
    evidence = evidence == null ? "" : evidence;
    message = message == null ? "" : message;
  }

  /** The location as people write it: {@code path:line}, the class name, or {@code (none)}. */
  public String displayLocation() {
    if (path != null) {
      return line > 0 ? path + ":" + line : path;
    }
    return logicalLocation != null ? logicalLocation : "(no location)";
  }
}
