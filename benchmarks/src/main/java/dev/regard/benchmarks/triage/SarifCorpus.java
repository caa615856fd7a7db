package dev.regard.benchmarks.triage;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic but realistic SARIF 2.1.0 log: one CodeQL-like run with 50 rules and results
 * of about 2 KB each (message, location with snippet, logical location, related locations, a
 * three-step code flow, fingerprints), spread over a Kafka-like source tree. Deterministic for a
 * given size. Usable from the command line: {@code SarifCorpus OUT.sarif RESULTS}.
 */
public final class SarifCorpus {
  static final int RULES = 50;
  static final String[] MODULES = {
    "clients",
    "core",
    "connect/runtime",
    "connect/mirror",
    "streams",
    "storage",
    "raft",
    "metadata",
    "server-common",
    "tools",
    "trogdor",
    "tests",
    "examples",
    "shell",
    "jmh-benchmarks"
  };
  static final String[] PACKAGES = {"security", "network", "config", "utils", "auth", "rest"};

  private SarifCorpus() {}

  /** Writes {@code results} results to {@code file}. */
  public static void write(Path file, int results) throws IOException {
    Random random = new Random(42);
    try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      writeTool(g);
      g.writeObjectFieldStart("originalUriBaseIds");
      g.writeObjectFieldStart("%SRCROOT%");
      g.writeStringField("uri", "file:///home/runner/work/kafka/kafka/");
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      for (int i = 0; i < results; i++) {
        writeResult(g, i, random);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** The scanner rule id of rule {@code i}. */
  static String ruleId(int i) {
    return "java/rule-" + i;
  }

  /** The CWE of rule {@code i}. */
  static int cwe(int i) {
    return 20 + i * 7;
  }

  /** A source path in module {@code m}, package {@code p}. */
  static String path(int m, int p, int file) {
    return MODULES[m]
        + "/src/main/java/org/apache/kafka/"
        + PACKAGES[p]
        + "/Component"
        + file
        + ".java";
  }

  private static void writeTool(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("tool");
    g.writeObjectFieldStart("driver");
    g.writeStringField("name", "CodeQL");
    g.writeStringField("semanticVersion", "2.19.3");
    g.writeArrayFieldStart("rules");
    for (int i = 0; i < RULES; i++) {
      g.writeStartObject();
      g.writeStringField("id", ruleId(i));
      g.writeObjectFieldStart("shortDescription");
      g.writeStringField("text", "Synthetic rule " + i);
      g.writeEndObject();
      g.writeObjectFieldStart("defaultConfiguration");
      g.writeStringField("level", i % 5 == 0 ? "note" : i % 3 == 0 ? "error" : "warning");
      g.writeEndObject();
      g.writeObjectFieldStart("properties");
      g.writeArrayFieldStart("tags");
      g.writeString("security");
      g.writeString(String.format("external/cwe/cwe-%03d", cwe(i)));
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeResult(JsonGenerator g, int i, Random random) throws IOException {
    int rule = random.nextInt(RULES);
    int module = random.nextInt(MODULES.length);
    int pkg = random.nextInt(PACKAGES.length);
    int file = random.nextInt(200);
    int line = 1 + random.nextInt(2000);
    String path = path(module, pkg, file);
    g.writeStartObject();
    g.writeStringField("ruleId", ruleId(rule));
    g.writeNumberField("ruleIndex", rule);
    g.writeObjectFieldStart("message");
    g.writeStringField(
        "text",
        "Result "
            + i
            + ": data from a [remote source](1) reaches this sink without validation; the value"
            + " of ssl.endpoint.identification.algorithm and sasl.mechanism may influence it."
            + " Review whether the input can be controlled by a network attacker.");
    g.writeEndObject();
    g.writeArrayFieldStart("locations");
    writeLocation(g, path, line, true);
    g.writeEndArray();
    g.writeArrayFieldStart("relatedLocations");
    for (int r = 1; r <= 2; r++) {
      g.writeStartObject();
      g.writeNumberField("id", r);
      writePhysical(g, path(module, random.nextInt(PACKAGES.length), random.nextInt(200)), line);
      g.writeObjectFieldStart("message");
      g.writeStringField("text", "remote source " + r);
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("codeFlows");
    g.writeStartObject();
    g.writeArrayFieldStart("threadFlows");
    g.writeStartObject();
    g.writeArrayFieldStart("locations");
    for (int step = 0; step < 3; step++) {
      g.writeStartObject();
      g.writeFieldName("location");
      g.writeStartObject();
      writePhysical(g, path, line + step);
      g.writeObjectFieldStart("message");
      g.writeStringField("text", "step " + step + ": value flows to parameter");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField("primaryLocationLineHash", Long.toHexString(random.nextLong()) + ":1");
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeLocation(JsonGenerator g, String path, int line, boolean logical)
      throws IOException {
    g.writeStartObject();
    writePhysical(g, path, line);
    if (logical) {
      g.writeArrayFieldStart("logicalLocations");
      g.writeStartObject();
      g.writeStringField("kind", "function");
      g.writeStringField(
          "fullyQualifiedName",
          path.substring(path.indexOf("org/"), path.length() - 5).replace('/', '.') + ".handle");
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writePhysical(JsonGenerator g, String path, int line) throws IOException {
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", path);
    g.writeStringField("uriBaseId", "%SRCROOT%");
    g.writeEndObject();
    g.writeObjectFieldStart("region");
    g.writeNumberField("startLine", line);
    g.writeNumberField("startColumn", 9);
    g.writeNumberField("endColumn", 61);
    g.writeObjectFieldStart("snippet");
    g.writeStringField("text", "    final String value = request.header(\"X-Forwarded-For\");");
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** {@code SarifCorpus OUT.sarif RESULTS}: writes a corpus for measurements outside JMH. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SarifCorpus OUT.sarif RESULTS");
      System.exit(2);
    }
    write(Path.of(args[0]), Integer.parseInt(args[1]));
  }
}
