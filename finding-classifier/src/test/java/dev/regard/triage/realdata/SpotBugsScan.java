package dev.regard.triage.realdata;

import com.h3xstream.findsecbugs.PredictableRandomDetector;
import edu.umd.cs.findbugs.FindBugs;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.TextUICommandLine;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs SpotBugs with the Find Security Bugs plugin in this JVM and writes SARIF: the same engine
 * and options as {@code spotbugs -textui -sarif}, without a forked process.
 */
public final class SpotBugsScan {
  private SpotBugsScan() {}

  /**
   * Scans {@code targets} (jars or class directories).
   *
   * @param onlyAnalyze SpotBugs' {@code -onlyAnalyze} filter, e.g. {@code org.example.-}; null for
   *     everything
   * @param sarif where to write the SARIF log
   */
  public static void scan(List<Path> targets, String onlyAnalyze, Path sarif) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("-pluginList");
    args.add(jarOf(PredictableRandomDetector.class).toString());
    args.add("-sarif=" + sarif);
    args.add("-quiet");
    args.add("-noClassOk");
    if (onlyAnalyze != null) {
      args.add("-onlyAnalyze");
      args.add(onlyAnalyze);
    }
    targets.forEach(t -> args.add(t.toString()));
    try (FindBugs2 engine = new FindBugs2()) {
      TextUICommandLine commandLine = new TextUICommandLine();
      FindBugs.processCommandLine(commandLine, args.toArray(String[]::new), engine);
      engine.execute();
    }
  }

  /** The jar (or class directory) a class was loaded from. */
  public static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
