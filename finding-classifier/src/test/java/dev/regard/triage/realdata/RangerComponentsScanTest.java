package dev.regard.triage.realdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second real scan labelled by hand, from Apache Ranger's published threat model: SpotBugs with
 * Find Security Bugs over the released {@code ranger-plugins-installer} jar ({@code
 * agents-installer/}, which the model excludes on the maintainers' word) and three components it
 * keeps in scope: {@code ranger-plugins-common} ({@code agents-common/}, its policy-download client
 * and plugin utilities), {@code ranger-plugins-cred} ({@code agents-cred/}) and {@code
 * ranger-plugin-classloader}, triaged in a checkout: the model's chain files (from {@code
 * ../shared/threat-models/ranger}) beside the module folders, named as in Ranger's repository.
 *
 * <p>The in-scope components are laid out from their released sources jars. Ranger published the
 * installer to Maven Central without sources and only up to 2.1.0, so its folder holds the source
 * tree the jar implies (see {@link ReleasedCheckout#impliedSources}); the class is the same {@code
 * org.apache.ranger.utils.install.XmlConfigChanger} that {@code agents-installer/} holds today.
 * Labels as in {@link KafkaComponentsScanTest}; the scan is cached under {@code
 * target/real-scans/}.
 */
class RangerComponentsScanTest {
  private static final Path CACHE = Path.of("target/real-scans/ranger");

  private static final String AGENTS_COMMON =
      "| Per-service plugins (PEPs) | … `agents-common/` | Embedded in host service; network to"
          + " Admin; audit sink | **In** | (THREAT_MODEL.md §2)";

  static final HandLabels LABELS =
      new HandLabels(
          "ranger",
          List.of(
              new HandLabels.Label(
                  "org.apache.ranger.utils.install.",
                  "agents-installer",
                  true,
                  "| Build / install / migration / ugsync tooling | `distro/`, `agents-installer/`,"
                      + " … | Build/deploy host | **Out** *(maintainer, 2026-06-12 — §14 Q4)* |"
                      + " (THREAT_MODEL.md §2)"),
              new HandLabels.Label(
                  "org.apache.ranger.plugin.util.", "agents-common", false, AGENTS_COMMON),
              new HandLabels.Label(
                  "org.apache.ranger.admin.client.", "agents-common", false, AGENTS_COMMON),
              new HandLabels.Label(
                  "org.apache.ranger.authorization.",
                  "agents-cred",
                  false,
                  "| Authentication | `ranger-authn/`, `unixauthservice/`, `agents-cred/`,"
                      + " `credentialbuilder/` | Kerberos/SPNEGO/LDAP; credential stores | **In** |"
                      + " (THREAT_MODEL.md §2)"),
              new HandLabels.Label(
                  "org.apache.ranger.plugin.classloader.",
                  "ranger-plugin-classloader",
                  false,
                  "| Plugin shims / classloader | `ranger-*-plugin-shim/`,"
                      + " `ranger-plugin-classloader/` | Class loading inside host service | **In**"
                      + " (as part of PEP delivery) | (THREAT_MODEL.md §2)")));

  private static Path checkout;
  private static Path sarif;
  private static ScanReport scan;

  @BeforeAll
  static void scanInACheckout() throws Exception {
    Path model = ReleasedCheckout.sharedModel("ranger");
    assumeThat(Files.isDirectory(model))
        .as("Ranger's threat model not found at %s; skipped", model)
        .isTrue();
    checkout = CACHE.resolve("checkout");
    sarif = CACHE.resolve("scan.sarif");
    if (!Files.isRegularFile(sarif)) {
      Path installer = ReleasedCheckout.jar("ranger-plugins-installer-");
      ReleasedCheckout.copyTree(model, checkout);
      ReleasedCheckout.impliedSources(
          installer, checkout.resolve("agents-installer/src/main/java"));
      ReleasedCheckout.unpackSources(
          "ranger-plugins-common-", checkout.resolve("agents-common/src/main/java"));
      ReleasedCheckout.unpackSources(
          "ranger-plugins-cred-", checkout.resolve("agents-cred/src/main/java"));
      ReleasedCheckout.unpackSources(
          "ranger-plugin-classloader-",
          checkout.resolve("ranger-plugin-classloader/src/main/java"));
      Path partial = CACHE.resolve("scan.sarif.partial");
      SpotBugsScan.scan(
          List.of(
              installer,
              ReleasedCheckout.jar("ranger-plugins-common-"),
              ReleasedCheckout.jar("ranger-plugins-cred-"),
              ReleasedCheckout.jar("ranger-plugin-classloader-")),
          "org.apache.ranger.utils.install.*,org.apache.ranger.plugin.util.*,"
              + "org.apache.ranger.admin.client.-,org.apache.ranger.authorization.credutils.-,"
              + "org.apache.ranger.authorization.hadoop.utils.*,"
              + "org.apache.ranger.plugin.classloader.*",
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
    assertThat(agreement.byModule().keySet())
        .contains("agents-installer", "agents-common", "agents-cred", "ranger-plugin-classloader");
    assertThat(agreement.agreementPercent()).isGreaterThanOrEqualTo(98.0);
    assertThat(agreement.recallPercent()).isGreaterThanOrEqualTo(90.0);
  }

  /**
   * Trusting the model's *(inferred)* statements changes nothing here: those naming the scanned
   * components are conditions ("A finding in a **plugin / `agents-common`** is in-model only if
   * reachable from a policy-evaluation input"), not exclusions, and the installer's exclusion is
   * the maintainers' already.
   */
  @Test
  void trustingInferredStatementsSuppressesNothingMoreInScope() throws Exception {
    ScanReport trusting = ScanReport.triage(sarif, checkout, "--trust-inferred");
    trusting.assertCompleteAndConsistent();
    HandLabels.Agreement agreement =
        new HandLabels("ranger --trust-inferred", LABELS.labels()).measure(trusting);
    assertThat(agreement.agree()).isEqualTo(LABELS.measure(scan).agree());
    assertThat(agreement.agreementPercent()).isGreaterThanOrEqualTo(98.0);
  }
}
