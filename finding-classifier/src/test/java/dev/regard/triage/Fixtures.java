package dev.regard.triage;

import dev.regard.threatmodel.Disposition;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.Verdict;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.finding.PathNormalizer;
import dev.regard.triage.input.FindingsReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared test data: the example findings shipped in examples/findings and rule builders. */
public final class Fixtures {
  /** The examples folder of the repository, seen from the module. */
  public static final Path EXAMPLES = Path.of("..", "examples", "findings");

  private Fixtures() {}

  public static Path example(String name) {
    return EXAMPLES.resolve(name);
  }

  /** Every finding of a file, in order. */
  public static List<Finding> read(Path file) throws IOException {
    List<Finding> out = new ArrayList<>();
    new FindingsReader(new PathNormalizer(null), null).read(file, file.toString(), out::add);
    return out;
  }

  /** Criteria with only the given lists set; pass {@code List.of()} for unset ones. */
  public static MatchCriteria match(
      List<String> paths, List<String> ruleIds, List<String> cwes, List<String> tags) {
    return new MatchCriteria(paths, List.of(), ruleIds, cwes, tags, List.of(), List.of());
  }

  public static TriageRule rule(
      String id, Verdict verdict, String disposition, RuleOrigin origin, MatchCriteria match) {
    return new TriageRule(
        id,
        verdict,
        Disposition.parse(disposition),
        match,
        "because " + id,
        Provenance.DOCUMENTED,
        origin,
        new SourceRef("THREAT_MODEL.md", "Section of " + id, 10));
  }

  /** A finding with just what matching looks at. */
  public static Finding finding(
      String ruleId,
      String level,
      String path,
      List<String> cwes,
      List<String> tags,
      String message) {
    return new Finding(
        "test.sarif#1",
        "0123456789abcdef",
        "test.sarif",
        "Tool",
        ruleId,
        level,
        message,
        path,
        3,
        false,
        null,
        cwes,
        tags,
        "");
  }
}
