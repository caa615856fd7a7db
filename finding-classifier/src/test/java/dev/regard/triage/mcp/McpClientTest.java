package dev.regard.triage.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.triage.Fixtures;
import dev.regard.triage.cli.ScanTriage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code scan-triage mcp} driven by the official MCP TypeScript SDK client
 * ({@code @modelcontextprotocol/sdk}, pinned in src/test/mcp-client/package-lock.json) over stdio:
 * the client starts the server as a child process, lists the tools and calls them on the example
 * findings against the repository's own threat model. Skipped when node or npm is missing.
 */
class McpClientTest {
  static final Path CLIENT_SOURCES = Path.of("src/test/mcp-client");
  static final Path CLIENT = Path.of("target/mcp-client");
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  static final List<String> EXAMPLES =
      List.of("codeql.sarif", "semgrep.sarif", "trivy.sarif", "agent-findings.json");

  static final ObjectMapper JSON = new ObjectMapper();
  static JsonNode answers;

  @BeforeAll
  static void runTheClient() throws Exception {
    assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed for the MCP client test");
    installClient();
    ObjectNode plan = JSON.createObjectNode();
    plan.put("command", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    plan.putArray("args")
        .add("-cp")
        .add(System.getProperty("java.class.path"))
        .add(ScanTriage.class.getName())
        .add("mcp")
        .add("--repo")
        .add(REPOSITORY.toString());
    ArrayNode findings = plan.putArray("findings");
    EXAMPLES.forEach(name -> findings.add(example(name)));
    plan.put("bad", "no/such/findings.sarif");
    plan.putArray("inline")
        .addObject()
        .put("title", "Benchmark builds an unbounded list")
        .put("file", "benchmarks/src/main/java/dev/regard/benchmarks/Any.java")
        .put("line", 3);
    Result r = exec(CLIENT, "node", "client.mjs", plan.toString());
    assertThat(r.code()).as("client failed:\n" + r.err()).isZero();
    answers = JSON.readTree(r.out());
  }

  @Test
  void theClientListsTheThreeTools() {
    assertThat(answers.at("/server/name").asText()).isEqualTo("scan-triage");
    assertThat(answers.get("tools"))
        .extracting(JsonNode::asText)
        .containsExactly("classify_findings", "explain_finding", "read_model");
  }

  @Test
  void theExampleFindingsGetTheSameVerdictsAsTheCommandLineGives() throws Exception {
    for (String name : EXAMPLES) {
      String file = example(name);
      JsonNode answer = answers.path("classified").path(file);
      assertThat(answer.path("isError").asBoolean()).as(answer.path("text").asText()).isFalse();
      JsonNode report = answer.path("structured");
      int total = Fixtures.read(Fixtures.example(name)).size();
      assertThat(report.at("/summary/total").asInt()).as(name).isEqualTo(total).isPositive();
      JsonNode cli = classifyWithTheCommandLine(file);
      assertThat(verdicts(report)).as(name).isEqualTo(verdicts(cli));
      for (JsonNode f : report.get("findings")) {
        assertThat(f.has("verdict") && f.has("disposition") && f.has("citation")).isTrue();
        if (!"in-scope".equals(f.get("verdict").asText())) {
          assertThat(f.get("provenance").asText()).isNotBlank();
          assertThat(f.get("citation").asText()).contains("THREAT_MODEL.md §");
        }
      }
    }
  }

  @Test
  void inlineFindingsAreClassifiedAgainstTheModel() {
    // The repository's model puts benchmarks/ out of scope.
    JsonNode finding = answers.at("/inline/structured/findings/0");
    assertThat(finding.get("verdict").asText()).isEqualTo("out-of-model");
    assertThat(finding.get("citation").asText()).contains("THREAT_MODEL.md");
  }

  @Test
  void readModelGivesTheChainScopeNonFindingsAndQuestions() {
    JsonNode model = answers.at("/model/structured");
    assertThat(model.at("/source/discovery").toString()).contains("AGENTS.md", "THREAT_MODEL.md");
    assertThat(model.at("/scope/inScope").size()).isPositive();
    assertThat(model.get("nonFindings").size()).isPositive();
    assertThat(model.has("openQuestions")).isTrue();
  }

  @Test
  void explainShowsTheRulesTried() {
    JsonNode explained = answers.at("/explained/structured");
    assertThat(explained.at("/finding/id").asText()).endsWith("#1");
    assertThat(explained.get("rulesTried").size()).isPositive();
  }

  @Test
  void badCallsAreToolErrorsAndTheServerKeepsServing() {
    assertThat(answers.at("/missing/isError").asBoolean()).isTrue();
    assertThat(answers.at("/missing/text").asText()).contains("does not exist");
    assertThat(answers.at("/both/isError").asBoolean()).isTrue();
    assertThat(answers.at("/both/text").asText()).contains("exactly one of");
    assertThat(answers.get("toolsAfterErrors").asInt()).isEqualTo(3);
  }

  /** Absolute: the server runs in the client's folder. */
  private static String example(String name) {
    return Fixtures.example(name).toAbsolutePath().normalize().toString();
  }

  private static JsonNode classifyWithTheCommandLine(String file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScanTriage.run(
        new String[] {"classify", "--repo", REPOSITORY.toString(), "--format", "json", file},
        out,
        new ByteArrayOutputStream());
    return JSON.readTree(out.toByteArray());
  }

  private static List<String> verdicts(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      out.add(
          f.get("id").asText()
              + " "
              + f.get("verdict").asText()
              + " "
              + f.get("disposition").asText());
    }
    return out;
  }

  /** Installs the pinned client into target/ once (npm ci from the committed lock file). */
  private static void installClient() throws Exception {
    Files.createDirectories(CLIENT);
    for (String file : List.of("package.json", "package-lock.json", "client.mjs")) {
      Files.copy(
          CLIENT_SOURCES.resolve(file),
          CLIENT.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.isDirectory(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk"))) {
      return;
    }
    Result npm = exec(CLIENT, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund");
    assumeTrue(
        npm.code() == 0,
        "npm ci could not install @modelcontextprotocol/sdk (is the npm registry reachable?):\n"
            + npm.err());
  }

  record Result(int code, String out, String err) {}

  private static Result exec(Path dir, String... command) throws Exception {
    Path err = Files.createTempFile("mcp-client-", ".err");
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      return new Result(code, out, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
