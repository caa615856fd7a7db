package dev.regard.triage.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.threatmodel.ThreatModelException;
import dev.regard.triage.input.FindingsException;
import dev.regard.triage.input.JsonInput;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scan-triage mcp}: the triage tools over the Model Context Protocol on standard input and
 * output. A tool call with bad arguments, a broken model or unreadable findings gets a tool error
 * ({@code isError: true}) naming the cause; the server itself keeps running.
 */
public final class TriageMcpServer {
  private static final Logger LOG = LoggerFactory.getLogger(TriageMcpServer.class);

  private static final String REPO =
      "\"repo\": {\"type\": \"string\", \"description\": \"Repository root (AGENTS.md ->"
          + " SECURITY.md -> THREAT_MODEL.md); default: the server's --repo\"}";

  private static final String FINDINGS =
      REPO
          + ", \"file\": {\"type\": \"string\", \"description\": \"A SARIF 2.1.0 or agent-JSON"
          + " findings file (at most 64 MiB)\"}, \"findings\": {\"type\": \"array\", \"items\":"
          + " {\"type\": \"object\"}, \"description\": \"Agent findings inline: {title, file, line?,"
          + " description?, cwe?, evidence?, tool?, ruleId?, level?, tags?}\"}, \"sarif\":"
          + " {\"type\": \"object\", \"description\": \"A SARIF 2.1.0 log inline\"}";

  private TriageMcpServer() {}

  /**
   * Starts serving on the given streams; returns the running server.
   *
   * @param defaultRepo the repository used when a call names none
   * @param in the client's requests
   * @param out the server's responses: nothing else may be written there
   * @param version the server version reported to clients
   */
  public static McpSyncServer start(
      Path defaultRepo, InputStream in, OutputStream out, String version) {
    McpJsonMapper mapper = new JacksonMcpJsonMapper(JsonInput.MAPPER);
    TriageTools tools = new TriageTools(defaultRepo);
    return McpServer.sync(new StdioServerTransportProvider(mapper, in, out))
        // Tools run on the thread that reads requests, one at a time, so replies are emitted from
        // one thread: the SDK's stdio transport drops a reply emitted concurrently with another
        // ("Failed to enqueue message") and the client waits for it forever.
        .immediateExecution(true)
        .serverInfo("scan-triage", version)
        .jsonMapper(mapper)
        .instructions(
            "Classifies security-scanner findings against the repository's threat model. Call"
                + " read_model first, then classify_findings; explain_finding shows why one"
                + " finding got its verdict.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(
            tool(
                mapper,
                TriageTools.READ_MODEL,
                "Reads the repository's threat model: the discovery chain followed, scope"
                    + " (components and their code paths), adversaries, controls, known"
                    + " non-findings with their criteria, dispositions (triage rules), open"
                    + " questions and lint findings, every statement with provenance and"
                    + " citation.",
                "{\"type\": \"object\", \"properties\": {" + REPO + "}}",
                tools::readModel),
            tool(
                mapper,
                TriageTools.CLASSIFY,
                "Classifies findings against the threat model. Each finding gets a verdict"
                    + " (in-scope, out-of-model, known-non-finding), a disposition, the deciding"
                    + " rule, its provenance and origin, the rationale and the citation of the"
                    + " threat-model section; a summary counts them. Give exactly one of file,"
                    + " findings or sarif.",
                "{\"type\": \"object\", \"properties\": {" + FINDINGS + "}}",
                tools::classify),
            tool(
                mapper,
                TriageTools.EXPLAIN,
                "Explains one finding's verdict: every rule tried in precedence order with each"
                    + " criterion's outcome, then the verdict, disposition, provenance and"
                    + " citation.",
                "{\"type\": \"object\", \"properties\": {"
                    + FINDINGS
                    + ", \"finding\": {\"type\": \"string\", \"description\": \"<file>#<n> or #<n>"
                    + " (n-th finding, from 1) or a fingerprint from classify_findings\"}},"
                    + " \"required\": [\"finding\"]}",
                tools::explain))
        .build();
  }

  /** A tool call's body: arguments in, a JSON object out. */
  @FunctionalInterface
  interface Body {
    ObjectNode apply(Map<String, Object> arguments) throws Exception;
  }

  private static SyncToolSpecification tool(
      McpJsonMapper mapper, String name, String description, String schema, Body body) {
    return SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(mapper, schema)
                .build())
        .callHandler((exchange, request) -> call(name, body, request.arguments()))
        .build();
  }

  private static CallToolResult call(String name, Body body, Map<String, Object> arguments) {
    try {
      ObjectNode result = body.apply(arguments);
      return CallToolResult.builder()
          .addTextContent(JsonInput.MAPPER.writeValueAsString(result))
          .structuredContent(JsonInput.MAPPER.convertValue(result, Map.class))
          .build();
    } catch (ToolInputException
        | FindingsException
        | ThreatModelException
        | IllegalArgumentException e) {
      return error(e.getMessage());
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      LOG.warn("{} failed: {}", name, ToolArguments.clip(String.valueOf(e)));
      return error(name + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
