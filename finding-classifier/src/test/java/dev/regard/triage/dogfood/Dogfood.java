package dev.regard.triage.dogfood;

import dev.regard.triage.cli.ScanTriage;
import dev.regard.triage.realdata.SpotBugsScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project applied to itself, run by {@code -Pdogfood}: SpotBugs with Find Security Bugs over
 * the compiled classes of every module but the benchmarks, then {@code scan-triage} against the
 * repository's own THREAT_MODEL.md. Writes {@code regard.sarif} (the scan), {@code triaged.sarif}
 * and {@code triage.md} to the output folder and prints the report.
 *
 * <p>Arguments: repository root, output folder, and the failure level ({@code off} never fails the
 * build; {@code error}, {@code warning}, {@code note} or {@code none} fail it on in-scope findings
 * at that level or above, as {@code --fail-on} does).
 */
public final class Dogfood {
  private Dogfood() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: Dogfood REPOSITORY OUTPUT-DIR off|error|warning|note|none");
      System.exit(ScanTriage.INPUT_ERROR);
    }
    Path repo = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    String failOn = args[2];
    List<Path> classes = compiledModules(repo);
    if (classes.isEmpty()) {
      System.err.println("dogfood: no compiled classes under " + repo + "/*/target/classes");
      System.exit(ScanTriage.INPUT_ERROR);
    }
    Path sarif = out.resolve("regard.sarif");
    System.out.println("dogfood: SpotBugs + Find Security Bugs over " + classes);
    SpotBugsScan.scan(classes, "dev.regard.-", sarif);
    String level = failOn.equals("off") ? "none" : failOn;
    int sarifCode =
        ScanTriage.run(
            new String[] {
              "classify",
              "--repo",
              repo.toString(),
              "--format",
              "sarif",
              "-o",
              out.resolve("triaged.sarif").toString(),
              "--fail-on",
              level,
              sarif.toString()
            },
            System.out,
            System.err);
    int code =
        ScanTriage.run(
            new String[] {
              "classify",
              "--repo",
              repo.toString(),
              "--format",
              "md",
              "-o",
              out.resolve("triage.md").toString(),
              "--fail-on",
              level,
              sarif.toString()
            },
            System.out,
            System.err);
    if (code == ScanTriage.INPUT_ERROR || sarifCode == ScanTriage.INPUT_ERROR) {
      System.err.println("dogfood: scan-triage could not classify the scan (see above)");
      System.exit(failOn.equals("off") ? 0 : ScanTriage.INPUT_ERROR);
    }
    System.out.println(Files.readString(out.resolve("triage.md")));
    System.out.println("dogfood: reports in " + out);
    System.exit(failOn.equals("off") ? 0 : code);
  }

  private static List<Path> compiledModules(Path repo) throws IOException {
    List<Path> classes = new ArrayList<>();
    try (Stream<Path> modules = Files.list(repo)) {
      for (Path module : modules.sorted().toList()) {
        Path dir = module.resolve("target/classes");
        // The model puts benchmarks out of scope, and their JMH-generated classes have no sources.
        boolean benchmarks = module.getFileName().toString().equals("benchmarks");
        if (!benchmarks
            && Files.isDirectory(module.resolve("src/main"))
            && Files.isDirectory(dir)) {
          classes.add(dir);
        }
      }
    }
    return classes;
  }
}
