package dev.regard.triage.output;

import java.util.List;

/**
 * What a report says about the model it applied.
 *
 * @param project the project the model describes
 * @param modelFile the threat model file
 * @param discovery how the model was found
 * @param rules how many rules the model yields
 */
public record ReportHeader(String project, String modelFile, List<String> discovery, int rules) {
  /** Copies the list. */
  public ReportHeader {
    discovery = List.copyOf(discovery);
  }
}
