package dev.regard.triage.cli;

import dev.regard.triage.mcp.EndOfInput;
import dev.regard.triage.mcp.TriageMcpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code scan-triage mcp}: serves the triage tools to an agent over MCP on standard input and
 * output until the client closes standard input. Log lines go to standard error only.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description =
        "Runs a Model Context Protocol server on stdin/stdout with the tools read_model,"
            + " classify_findings and explain_finding.")
final class McpCommand implements Callable<Integer> {
  @ParentCommand ScanTriage parent;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "Repository whose model tools use when a call names none (default: .).")
  Path repo = Path.of(".");

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(repo)) {
      throw new IllegalArgumentException("--repo " + repo + " is not a directory");
    }
    // Standard output carries the protocol alone: log lines and stray prints go to stderr.
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    OutputStream protocol = parent.stdout();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
    EndOfInput in = new EndOfInput(System.in);
    var server = TriageMcpServer.start(repo, in, protocol, version());
    try {
      in.await();
    } finally {
      server.closeGracefully();
      System.setOut(previous);
    }
    return ScanTriage.OK;
  }

  private static String version() {
    String v = ScanTriage.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
