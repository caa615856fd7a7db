package dev.regard.triage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.regard.triage.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar under a real pseudo-terminal (util-linux {@code script} runs the command on a
 * pty and records every byte it writes) and with standard error on a pipe.
 */
class ProgressTerminalTest {
  static final Pattern BAR = Pattern.compile("\\[[# ]{30}\\] \\d+% ");

  @TempDir Path dir;

  @Test
  void aTerminalGetsTheBar() throws Exception {
    String typescript = underPty(command());
    assertThat(BAR.matcher(typescript).find()).as(typescript).isTrue();
  }

  @Test
  void stderrNotATerminalStaysQuietEvenOnAPty() throws Exception {
    // What the launcher passes when standard error is redirected: no bar in the recording.
    List<String> cmd = command();
    cmd.add(1, "-D" + Progress.STDERR_TTY + "=false");
    String typescript = underPty(cmd);
    assertThat(BAR.matcher(typescript).find()).as(typescript).isFalse();
  }

  @Test
  void aPipeStaysQuiet() throws Exception {
    Process p =
        new ProcessBuilder(command())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isIn(ScanTriage.OK, ScanTriage.FINDINGS);
    assertThat(err).doesNotContain("%");
    assertThat(out).isEmpty();
    assertThat(dir.resolve("report.json")).isNotEmptyFile();
  }

  private List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ScanTriage.class.getName());
    cmd.add("classify");
    cmd.add("--repo");
    cmd.add(CliTest.MODEL.toString());
    cmd.add("--format");
    cmd.add("json");
    cmd.add("-o");
    cmd.add(dir.resolve("report.json").toString());
    cmd.add(CliTest.CODEQL);
    cmd.add(Fixtures.example("trivy.sarif").toString());
    return cmd;
  }

  /** Runs the command on a pty; returns what it wrote to the terminal. */
  private String underPty(List<String> cmd) throws Exception {
    Path script = Path.of("/usr/bin/script");
    assumeTrue(Files.isExecutable(script), "util-linux script is needed for a pseudo-terminal");
    StringBuilder line = new StringBuilder();
    for (String part : cmd) {
      line.append('\'').append(part.replace("'", "'\\''")).append("' ");
    }
    Path typescript = dir.resolve("typescript");
    Process p =
        new ProcessBuilder(
                script.toString(), "-q", "-e", "-c", line.toString(), typescript.toString())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .start();
    String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(console).isIn(ScanTriage.OK, ScanTriage.FINDINGS);
    assertThat(dir.resolve("report.json")).isNotEmptyFile();
    return Files.readString(typescript, StandardCharsets.ISO_8859_1);
  }
}
