package dev.regard.triage.realmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.triage.cli.ScanTriage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe findings against the real models of Apache Kafka, Unomi, Ranger and Hop, triaged as a user
 * runs scan-triage: in a checkout (the model's chain files, read from {@code
 * ../shared/threat-models/}, and module folders with sources), through the command line. Each
 * probe's expectation quotes the sentence of the model it rests on. Findings are written as a
 * bytecode scanner writes them, relative to a source root ({@code org/apache/kafka/...}), so the
 * classifier has to map the model's components to the checkout.
 */
class ModelProbesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path checkout;

  /** A probe: where the finding is, what the model says of it, and why. */
  record Probe(String path, boolean suppressed, String because) {}

  static Path shared(String project) {
    Path root =
        Path.of(System.getProperty("regard.repository.root", ".."))
            .resolve("../shared/threat-models")
            .resolve(project)
            .normalize();
    assumeThat(Files.isDirectory(root))
        .as("real threat models not found at %s (../shared/threat-models); skipped", root)
        .isTrue();
    return root;
  }

  @Test
  void kafka() throws Exception {
    layOut("kafka");
    source("streams", "org.apache.kafka.streams.state.internals", "RocksDBStore");
    source("trogdor", "org.apache.kafka.trogdor.agent", "Agent");
    source("tools", "org.apache.kafka.tools", "ConsumerPerformance");
    source("clients", "org.apache.kafka.common.security.ssl", "DefaultSslEngineFactory");
    source("core", "kafka.server", "KafkaApis");
    Files.createDirectories(checkout.resolve("tests/kafkatest"));
    assertProbes(
        List.of(
            new Probe(
                "org/apache/kafka/trogdor/agent/Agent.java",
                true,
                "Trogdor … is intended to run only in development environments; the project does"
                    + " not consider command execution through Trogdor a security issue."),
            new Probe(
                "org/apache/kafka/tools/ConsumerPerformance.java",
                true,
                "Issues in `tools`, `bin`, Trogdor, `tests`, and similar are out of scope"),
            new Probe(
                "org/apache/kafka/streams/state/internals/RocksDBStore.java",
                true,
                "Kafka Streams application-level issues. Streams runs inside the user's"
                    + " application, so its security boundary is the application's"),
            new Probe(
                "org/apache/kafka/common/security/ssl/DefaultSslEngineFactory.java",
                false,
                "scope it to the brokers, KRaft controllers, the client and inter-broker/controller"
                    + " listeners, the Admin API, and JMX"),
            new Probe(
                "kafka/server/KafkaApis.scala",
                false,
                "scope it to the brokers, KRaft controllers, …")));
  }

  @Test
  void unomi() throws Exception {
    layOut("unomi");
    source("samples", "org.apache.unomi.samples.tweet", "TweetButton");
    source("services", "org.apache.unomi.services.impl", "ProfileServiceImpl");
    source("rest", "org.apache.unomi.rest.endpoints", "ContextJsonEndpoint");
    Map<String, JsonNode> verdicts =
        assertProbes(
            List.of(
                new Probe(
                    "org/apache/unomi/samples/tweet/TweetButton.java",
                    false,
                    "`unomi-site`, `samples/`, `itests/` — … not production trust surface."
                        + " (inferred): an inferred claim does not suppress by default"),
                new Probe(
                    "org/apache/unomi/services/impl/ProfileServiceImpl.java",
                    false,
                    "| Rule / condition / segment engine + scripting | `services`, `scripting` …"
                        + " | **In — historically the RCE surface (§11)** |"),
                new Probe(
                    "org/apache/unomi/rest/endpoints/ContextJsonEndpoint.java",
                    false,
                    "| Admin REST + GraphQL APIs | `rest`, `graphql` | … | **In** |")));
    // "each has a matching §14 open question": the sample stays in scope awaiting Q2.
    JsonNode sample = verdicts.get("org/apache/unomi/samples/tweet/TweetButton.java");
    assertThat(sample.get("disposition").asText()).isEqualTo("AWAITS-CONFIRMATION");
    assertThat(sample.get("rationale").asText()).contains("Q2");
    // The in-scope table row is cited, not MODEL-GAP.
    JsonNode services = verdicts.get("org/apache/unomi/services/impl/ProfileServiceImpl.java");
    assertThat(services.get("disposition").asText()).isEqualTo("VALID");
    assertThat(services.at("/section/heading").asText()).startsWith("§2");
    // Opting in to inferred claims lets §3 suppress the sample.
    JsonNode trusted =
        triage(List.of("org/apache/unomi/samples/tweet/TweetButton.java"), "--trust-inferred")
            .get("org/apache/unomi/samples/tweet/TweetButton.java");
    assertThat(trusted.get("disposition").asText()).isEqualTo("OUT-OF-MODEL:unsupported-component");
  }

  @Test
  void ranger() throws Exception {
    layOut("ranger");
    source(
        "ranger-examples/sample-client", "org.apache.ranger.examples.sampleclient", "SampleClient");
    source("ranger-tools", "org.apache.ranger.policyengine", "RangerPolicyenginePerfTester");
    source("agents-installer", "org.apache.ranger.utils.install", "XmlConfigChanger");
    source(
        "ugsync/ldapconfigchecktool/ldapconfigcheck",
        "org.apache.ranger.ldapconfigcheck",
        "LdapConfigCheckMain");
    source("security-admin", "org.apache.ranger.rest", "ServiceREST");
    assertProbes(
        List.of(
            new Probe(
                "org/apache/ranger/examples/sampleclient/SampleClient.java",
                false,
                "unlike a typical project, `ranger-examples/` and `ranger-tools/` are **IN** scope"),
            new Probe(
                "org/apache/ranger/policyengine/RangerPolicyenginePerfTester.java",
                false,
                "`ranger-examples/` and `ranger-tools/` are **IN** scope here per the PMC"),
            new Probe(
                "org/apache/ranger/utils/install/XmlConfigChanger.java",
                true,
                "| Build / install / migration / ugsync tooling | `distro/`, `agents-installer/` …"
                    + " | **Out** *(maintainer, 2026-06-12 — §14 Q4)* |"),
            new Probe(
                "org/apache/ranger/ldapconfigcheck/LdapConfigCheckMain.java",
                true,
                "**and the ugsync utilities `filesourceusersynctool` / `ldapconfigchecktool`.**"),
            new Probe(
                "org/apache/ranger/rest/ServiceREST.java",
                false,
                "| Ranger Admin web app | `security-admin/`, `agents-common/` … | **In** |")));
  }

  @Test
  void hop() throws Exception {
    layOut("hop");
    source("integration-tests/scripts", "org.apache.hop.it", "ItRunner");
    source("assemblies/static", "org.apache.hop.assembly", "Packager");
    source("engine", "org.apache.hop.www", "WebServer");
    source("lib-jdbc", "org.apache.hop.jdbc", "Drivers");
    assertProbes(
        List.of(
            new Probe(
                "org/apache/hop/it/ItRunner.java",
                true,
                "`hop-website`, `docs/`, `integration-tests/`, `assemblies/` build mechanics,"
                    + " samples/demos — not the shipped runtime product."),
            new Probe(
                "org/apache/hop/assembly/Packager.java",
                false,
                "the default security posture baked by `assemblies/` and `docker/` … is an"
                    + " in-scope fact"),
            new Probe(
                "org/apache/hop/www/WebServer.java",
                false,
                "| Hop Server (servlet / HTTP) | `engine/` — package `org.apache.hop.www` …"),
            new Probe(
                "org/apache/hop/jdbc/Drivers.java",
                false,
                "| Connection / driver layer | `lib-jdbc/` (bundled JDBC drivers) …")));
  }

  /** Copies the model's chain files into the checkout, as they sit in the repository. */
  private void layOut(String project) throws IOException {
    Path from = shared(project);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path to = checkout.resolve(from.relativize(file).toString());
        Files.createDirectories(to.getParent());
        Files.copy(file, to);
      }
    }
  }

  private void source(String module, String pkg, String type) throws IOException {
    String language = module.equals("core") ? "scala" : "java";
    Path dir = checkout.resolve(module + "/src/main/" + language + "/" + pkg.replace('.', '/'));
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(type + "." + language),
        "package " + pkg + (language.equals("java") ? ";" : "") + "\n\nclass " + type + " {}\n");
  }

  private Map<String, JsonNode> assertProbes(List<Probe> probes) throws Exception {
    Map<String, JsonNode> verdicts = triage(probes.stream().map(Probe::path).toList());
    for (Probe probe : probes) {
      JsonNode finding = verdicts.get(probe.path());
      assertThat(finding.get("verdict").asText())
          .as("%s: the model says \"%s\"; %s", probe.path(), probe.because(), finding)
          .isIn(
              probe.suppressed()
                  ? List.of("out-of-model", "known-non-finding")
                  : List.of("in-scope"));
    }
    return verdicts;
  }

  /** Triages one SpotBugs-style result per path; the verdicts by the probe's path. */
  private Map<String, JsonNode> triage(List<String> paths, String... options) throws Exception {
    ObjectNode sarif = JSON.createObjectNode().put("version", "2.1.0");
    ObjectNode run = sarif.putArray("runs").addObject();
    run.putObject("tool").putObject("driver").put("name", "SpotBugs");
    ArrayNode results = run.putArray("results");
    for (String path : paths) {
      ObjectNode result = results.addObject().put("ruleId", "PROBE");
      result.putObject("message").put("text", "probe in " + path);
      result
          .putArray("locations")
          .addObject()
          .putObject("physicalLocation")
          .putObject("artifactLocation")
          .put("uri", path);
    }
    Path input = Files.createTempFile(checkout.getParent(), "probes", ".sarif");
    JSON.writeValue(input.toFile(), sarif);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args =
        new java.util.ArrayList<>(
            List.of("classify", "--repo", checkout.toString(), "--format", "json"));
    args.addAll(List.of(options));
    args.add(input.toString());
    ScanTriage.run(args.toArray(String[]::new), out, System.err);
    JsonNode report = JSON.readTree(out.toByteArray());
    Map<String, JsonNode> byProbe = new HashMap<>();
    int i = 0;
    for (JsonNode finding : report.get("findings")) {
      byProbe.put(paths.get(i++), finding);
    }
    return byProbe;
  }
}
