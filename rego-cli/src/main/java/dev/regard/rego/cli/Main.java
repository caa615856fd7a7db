package dev.regard.rego.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the {@code rego} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /**
   * Runs one command and returns its exit code: 0 success, 1 tests failed (or, with {@code --fail},
   * an undefined result), 2 an error such as a bad file, a compile error or an evaluation error.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new RegoCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          commandLine.getErr().println("error: " + Errors.describe(e));
          commandLine.getErr().flush();
          return ExitCodes.ERROR;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
