package dev.regard.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintTest {

  @TempDir Path dir;

  private LoadedModel load(String model, String security) throws IOException {
    Path modelFile = Files.writeString(dir.resolve("THREAT_MODEL.md"), model);
    Path securityFile =
        security == null ? null : Files.writeString(dir.resolve("SECURITY.md"), security);
    return ThreatModels.fromFiles(modelFile, securityFile);
  }

  @Test
  void completeModelHasNoFindings() throws IOException {
    LoadedModel loaded =
        load(
            """
            # Demo threat model

            ## Scope

            | Component | Path | In scope |
            | --- | --- | --- |
            | Core | `core/**` | Yes |
            | Tools | `tools/**` | No |

            ## Out of scope

            - `samples/` — examples only.

            ## Adversary

            - Remote clients.

            ## Trust boundaries

            - Client to server.

            ## Assets

            - Data.

            ## Controls

            - `demo.max.bytes`: 1024.

            ## Known non-findings

            - `PREDICTABLE_RANDOM` in `core/src/main/java/Ids.java`.

            ## Open questions

            1. Should we sign releases? Status: resolved.
            """,
            """
            # Security

            ## Reporting

            Mail security@example.org.

            ## Supported versions

            Only the latest release.
            """);
    assertThat(Lint.check(loaded)).isEmpty();
  }

  @Test
  void missingReportingChannelIsAnErrorAndOverlapsAreWarned() throws IOException {
    LoadedModel loaded =
        load(
            """
            # Demo threat model

            ## Scope

            | Component | Path | In scope |
            | --- | --- | --- |
            | Runtime | `runtime/src/main/**` | Yes |

            ## Out of scope

            - Development certificates of `runtime`.
            """,
            "# Security\n\n## Supported versions\n\nAll of them.\n");

    List<LintFinding> findings = Lint.check(loaded);

    assertThat(findings.get(0).severity()).isEqualTo(LintFinding.ERROR);
    assertThat(findings)
        .extracting(LintFinding::severity, LintFinding::message)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                LintFinding.ERROR, "SECURITY.md gives no reporting channel (address or link)"),
            org.assertj.core.groups.Tuple.tuple(
                LintFinding.WARNING,
                "out-of-scope module 'runtime' of 'Development certificates of runtime' is also"
                    + " kept in scope by 'Runtime'; no rule is derived for it"));
    assertThat(loaded.rules().rules()).isEmpty();
  }
}
