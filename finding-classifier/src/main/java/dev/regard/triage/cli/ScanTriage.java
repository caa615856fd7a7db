package dev.regard.triage.cli;

import dev.regard.threatmodel.ThreatModelException;
import dev.regard.triage.input.FindingsException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scan-triage} command line. Exit codes: 0 nothing in scope at or above the level, 1
 * in-scope findings (or lint errors), 2 usage or input error.
 */
@Command(
    name = "scan-triage",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Classifies scanner findings (SARIF, agent JSON) against a project's threat model.",
    subcommands = {
      ClassifyCommand.class,
      ModelCommand.class,
      LintCommand.class,
      ExplainCommand.class,
      ExportCommand.class,
      McpCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ScanTriage implements Runnable {
  /** Nothing in scope at or above the failure level. */
  public static final int OK = 0;

  /** In-scope findings at or above the failure level, or lint errors. */
  public static final int FINDINGS = 1;

  /** Usage or input error. */
  public static final int INPUT_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final OutputStream stdout;

  private ScanTriage(OutputStream stdout) {
    this.stdout = stdout;
  }

  /** Where reports go when no output file is named: bytes, not characters. */
  OutputStream stdout() {
    return stdout;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(String[] args, OutputStream stdout, OutputStream stderr) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    CommandLine cli = new CommandLine(new ScanTriage(stdout));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> INPUT_ERROR);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("scan-triage: " + describe(e));
          return INPUT_ERROR;
        });
    return cli.execute(args);
  }

  private static String describe(Exception e) {
    if (e instanceof FindingsException
        || e instanceof ThreatModelException
        || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException u) {
      return u.getCause().toString();
    }
    return e.toString();
  }
}
