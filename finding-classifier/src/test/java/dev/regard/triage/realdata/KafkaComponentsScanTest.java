package dev.regard.triage.realdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real scan labelled by hand from Apache Kafka's published security model: SpotBugs with Find
 * Security Bugs over the released {@code trogdor}, {@code kafka-tools} and {@code kafka-streams}
 * jars and the security package of {@code kafka-clients}, triaged as a user would, in a checkout:
 * the model's chain files (from {@code ../shared/threat-models/kafka}) beside module folders
 * holding the released sources ({@code trogdor/src/main/java}, …). Nothing in the scan names a
 * module: the SARIF locations are relative to a source root, so the classifier has to map
 * "Trogdor", {@code tools} and "Kafka Streams" to the checkout itself.
 *
 * <p>The label rule (documented in docs/benchmarks.md): a result is labelled by the component its
 * class ships in, and the component's label is what the model says of it, quoted in {@link
 * #LABELS}. The scan and the checkout are cached under {@code target/real-scans/}, so only a clean
 * build pays for the scan.
 */
class KafkaComponentsScanTest {
  private static final Path CACHE = Path.of("target/real-scans/kafka");

  /** Package prefix of the classes a component ships, its label, and the model's words. */
  record Label(String packagePrefix, String module, boolean suppressed, String because) {}

  static final List<Label> LABELS =
      List.of(
          new Label(
              "org.apache.kafka.trogdor.",
              "trogdor",
              true,
              "Trogdor. Trogdor is a test framework … It is intended to run only in development"
                  + " environments (security-model.md, Development and Test Tooling)"),
          new Label(
              "org.apache.kafka.tools.",
              "tools",
              true,
              "Issues in `tools`, `bin`, Trogdor, `tests`, and similar are out of scope"
                  + " (security-model.md, Known Non-Findings)"),
          new Label(
              "org.apache.kafka.streams.",
              "streams",
              true,
              "Kafka Streams application-level issues. Streams runs inside the user's application,"
                  + " so its security boundary is the application's, not the broker's"
                  + " (security-model.md, Known Non-Findings)"),
          new Label(
              "org.apache.kafka.common.security.",
              "clients",
              false,
              "scope it to the brokers, KRaft controllers, the client and inter-broker/controller"
                  + " listeners, the Admin API, and JMX (security-model.md)"));

  private static ScanReport scan;

  @BeforeAll
  static void scanInACheckout() throws Exception {
    Path model =
        Path.of(System.getProperty("regard.repository.root", ".."))
            .resolve("../shared/threat-models/kafka")
            .normalize();
    assumeThat(Files.isDirectory(model))
        .as("Kafka's security model not found at %s; skipped", model)
        .isTrue();
    Path checkout = CACHE.resolve("checkout");
    Path sarif = CACHE.resolve("scan.sarif");
    if (!Files.isRegularFile(sarif)) {
      copyTree(model, checkout);
      unpackSources("kafka-streams-", checkout.resolve("streams/src/main/java"));
      unpackSources("trogdor-", checkout.resolve("trogdor/src/main/java"));
      unpackSources("kafka-tools-", checkout.resolve("tools/src/main/java"));
      Path partial = CACHE.resolve("scan.sarif.partial");
      SpotBugsScan.scan(
          List.of(
              jar("trogdor-"),
              jar("kafka-tools-"),
              jar("kafka-streams-"),
              SpotBugsScan.jarOf(CommonClientConfigs.class)),
          "org.apache.kafka.trogdor.-,org.apache.kafka.tools.*,"
              + "org.apache.kafka.streams.state.internals.*,org.apache.kafka.streams.processor.*,"
              + "org.apache.kafka.common.security.-",
          partial);
      Files.move(partial, sarif);
    }
    scan = ScanReport.triage(sarif, checkout);
  }

  @Test
  void everyResultGetsOneVerdictAndTheSummaryAddsUp() {
    scan.assertCompleteAndConsistent();
  }

  @Test
  void noResultTheModelPutsInScopeIsSuppressedAndTheLabelsAgree() {
    Map<String, int[]> byModule = new LinkedHashMap<>(); // labelled, agreeing
    int total = 0;
    int agree = 0;
    int outOfModel = 0;
    int outOfModelSuppressed = 0;
    for (JsonNode finding : scan.report().get("findings")) {
      Label label = labelOf(finding);
      boolean suppressed = !finding.get("verdict").asText().equals("in-scope");
      total++;
      int[] counts = byModule.computeIfAbsent(label.module(), m -> new int[2]);
      counts[0]++;
      if (suppressed == label.suppressed()) {
        agree++;
        counts[1]++;
      }
      if (label.suppressed()) {
        outOfModel++;
        outOfModelSuppressed += suppressed ? 1 : 0;
      } else {
        assertThat(suppressed)
            .as("in scope per \"%s\" but suppressed: %s", label.because(), finding)
            .isFalse();
      }
    }
    double agreement = 100.0 * agree / total;
    double recall = 100.0 * outOfModelSuppressed / outOfModel;
    System.out.printf(
        "kafka real scan: %d results, agreement %.1f%% (%d/%d), out-of-model recall %.1f%%"
            + " (%d/%d), by module %s%n",
        total,
        agreement,
        agree,
        total,
        recall,
        outOfModelSuppressed,
        outOfModel,
        byModule.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0])
            .toList());
    assertThat(byModule.keySet()).contains("trogdor", "tools", "streams", "clients");
    assertThat(agreement).isGreaterThanOrEqualTo(98.0);
    assertThat(recall).isGreaterThanOrEqualTo(90.0);
  }

  private static Label labelOf(JsonNode finding) {
    String path = finding.get("path").asText();
    String dotted = path.replace('/', '.');
    for (Label label : LABELS) {
      if (dotted.contains(label.packagePrefix())) {
        return label;
      }
    }
    throw new AssertionError("no label for " + path);
  }

  private static Path jar(String prefix) {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith(prefix) && name.endsWith(".jar") && !name.endsWith("-sources.jar")) {
        return Path.of(entry);
      }
    }
    throw new AssertionError("no " + prefix + " jar on the test class path");
  }

  private static void unpackSources(String prefix, Path into) throws IOException {
    Path sources = null;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith(prefix) && name.endsWith("-sources.jar")) {
        sources = Path.of(entry);
      }
    }
    assertThat(sources).as("sources jar %s on the test class path", prefix).isNotNull();
    try (InputStream in = Files.newInputStream(sources);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Path to = into.resolve(e.getName()).normalize();
        if (e.isDirectory() || !to.startsWith(into) || !e.getName().endsWith(".java")) {
          continue;
        }
        Files.createDirectories(to.getParent());
        Files.copy(zip, to);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
