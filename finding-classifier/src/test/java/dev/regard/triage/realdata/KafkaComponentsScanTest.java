package dev.regard.triage.realdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  static final HandLabels LABELS =
      new HandLabels(
          "kafka",
          List.of(
              new HandLabels.Label(
                  "org.apache.kafka.trogdor.",
                  "trogdor",
                  true,
                  "Trogdor. Trogdor is a test framework … It is intended to run only in development"
                      + " environments (security-model.md, Development and Test Tooling)"),
              new HandLabels.Label(
                  "org.apache.kafka.tools.",
                  "tools",
                  true,
                  "Issues in `tools`, `bin`, Trogdor, `tests`, and similar are out of scope"
                      + " (security-model.md, Known Non-Findings)"),
              new HandLabels.Label(
                  "org.apache.kafka.streams.",
                  "streams",
                  true,
                  "Kafka Streams application-level issues. Streams runs inside the user's application,"
                      + " so its security boundary is the application's, not the broker's"
                      + " (security-model.md, Known Non-Findings)"),
              new HandLabels.Label(
                  "org.apache.kafka.common.security.",
                  "clients",
                  false,
                  "scope it to the brokers, KRaft controllers, the client and inter-broker/controller"
                      + " listeners, the Admin API, and JMX (security-model.md)")));

  private static ScanReport scan;

  @BeforeAll
  static void scanInACheckout() throws Exception {
    Path model = ReleasedCheckout.sharedModel("kafka");
    assumeThat(Files.isDirectory(model))
        .as("Kafka's security model not found at %s; skipped", model)
        .isTrue();
    Path checkout = CACHE.resolve("checkout");
    Path sarif = CACHE.resolve("scan.sarif");
    if (!Files.isRegularFile(sarif)) {
      ReleasedCheckout.copyTree(model, checkout);
      ReleasedCheckout.unpackSources("kafka-streams-", checkout.resolve("streams/src/main/java"));
      ReleasedCheckout.unpackSources("trogdor-", checkout.resolve("trogdor/src/main/java"));
      ReleasedCheckout.unpackSources("kafka-tools-", checkout.resolve("tools/src/main/java"));
      Path partial = CACHE.resolve("scan.sarif.partial");
      SpotBugsScan.scan(
          List.of(
              ReleasedCheckout.jar("trogdor-"),
              ReleasedCheckout.jar("kafka-tools-"),
              ReleasedCheckout.jar("kafka-streams-"),
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
    HandLabels.Agreement agreement = LABELS.measure(scan);
    assertThat(agreement.byModule().keySet()).contains("trogdor", "tools", "streams", "clients");
    assertThat(agreement.agreementPercent()).isGreaterThanOrEqualTo(98.0);
    assertThat(agreement.recallPercent()).isGreaterThanOrEqualTo(90.0);
  }
}
