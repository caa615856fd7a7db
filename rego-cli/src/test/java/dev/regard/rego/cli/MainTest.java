package dev.regard.rego.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line in-process, as a user would, against real files. */
class MainTest {
  @TempDir Path tmp;

  /** What one run printed and returned. */
  private record Run(int code, String out, String err) {}

  private static Run rego(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String resource(String name) throws URISyntaxException {
    return Path.of(MainTest.class.getResource("/testing/" + name).toURI()).toString();
  }

  @Test
  void evalPrintsTheValueOfARef() throws Exception {
    Path input = Files.writeString(tmp.resolve("input.json"), "{\"user\": \"alice\"}");
    Run run =
        rego("eval", "-d", resource("mixed"), "-i", input.toString(), "data.kafka.authz.allow");
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    assertThat(run.out().strip()).isEqualTo("true");
  }

  @Test
  void evalReadsYamlInput() throws Exception {
    Path input = Files.writeString(tmp.resolve("input.yaml"), "user: mallory\n");
    Run run =
        rego("eval", "-d", resource("mixed"), "-i", input.toString(), "data.kafka.authz.allow");
    assertThat(run.out().strip()).isEqualTo("false");
  }

  @Test
  void evalPrintsEverySolutionOfAQuery() throws Exception {
    Run run = rego("eval", "-d", resource("passing/limits.rego"), "x := data.quota.max_bytes * 2");
    assertThat(run.code()).isZero();
    assertThat(run.out().replaceAll("\\s", "")).isEqualTo("[{\"x\":2097152}]");
  }

  @Test
  void evalUndefinedPrintsNothingAndFailsOnlyWithFail() throws Exception {
    Run quiet = rego("eval", "-d", resource("passing/limits.rego"), "data.quota.nothing");
    assertThat(quiet.code()).isZero();
    assertThat(quiet.out()).isEmpty();
    Run strict =
        rego("eval", "--fail", "-d", resource("passing/limits.rego"), "data.quota.nothing");
    assertThat(strict.code()).isEqualTo(1);
  }

  @Test
  void strictTurnsBuiltinErrorsIntoErrors() {
    Run lenient = rego("eval", "x := 1 / 0");
    assertThat(lenient.code()).isZero();
    assertThat(lenient.out().replaceAll("\\s", "")).isEqualTo("[]");
    Run strict = rego("eval", "--strict", "x := 1 / 0");
    assertThat(strict.code()).isEqualTo(2);
    assertThat(strict.err()).contains("eval_builtin_error").contains("divide by zero");
  }

  @Test
  void evalMergesDataFilesAtTheRoot() throws IOException {
    Path data = Files.writeString(tmp.resolve("limits.yaml"), "limits:\n  max: 5\n");
    Run run = rego("eval", "-d", data.toString(), "data.limits.max");
    assertThat(run.err()).isEmpty();
    assertThat(run.out().strip()).isEqualTo("5");
  }

  @Test
  void testCommandFiltersByName() throws Exception {
    Run run = rego("test", "-v", "--run", "small", resource("passing"));
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("test_small_fits: PASS")
        .doesNotContain("large")
        .endsWith("PASS: 1/1\n");
  }

  @Test
  void evalReportsCompileErrorsWithFileAndLine() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.rego"), "package bad\n\nallow if {\n");
    Run run = rego("eval", "-d", bad.toString(), "data.bad.allow");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains(bad + ":").contains("rego_parse_error");
  }

  @Test
  void evalReportsMissingFiles() {
    Run run = rego("eval", "-d", tmp.resolve("nope.rego").toString(), "data.x");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("nope.rego");
  }

  @Test
  void evalLoadsASignedBundleWithItsKey() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    String policy = "package app\n\nallow if input.ok\n";
    String hash = sha256Hex(policy);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(
        "{\"files\":[{\"name\":\"app.rego\",\"hash\":\""
            + hash
            + "\",\"algorithm\":\"SHA-256\"}]}");
    jws.setAlgorithmHeaderValue("RS256");
    jws.setKey(pair.getPrivate());
    String signatures = "{\"signatures\":[\"" + jws.getCompactSerialization() + "\"]}";
    Path bundle = tmp.resolve("bundle");
    Files.createDirectories(bundle);
    Files.writeString(bundle.resolve("app.rego"), policy);
    Files.writeString(bundle.resolve(".signatures.json"), signatures);
    Path key =
        Files.writeString(
            tmp.resolve("key.pem"),
            "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    Path input = Files.writeString(tmp.resolve("in.json"), "{\"ok\": true}");

    Run unsigned = rego("eval", "-b", bundle.toString(), "-i", input.toString(), "data.app.allow");
    assertThat(unsigned.code()).isEqualTo(2);
    assertThat(unsigned.err()).contains("no verification key is configured");

    Run ok =
        rego(
            "eval",
            "-b",
            bundle.toString(),
            "--verification-key",
            key.toString(),
            "-i",
            input.toString(),
            "data.app.allow");
    assertThat(ok.err()).isEmpty();
    assertThat(ok.out().strip()).isEqualTo("true");

    Files.writeString(bundle.resolve("app.rego"), "package app\n\nallow := true\n");
    Run tampered =
        rego(
            "eval",
            "-b",
            bundle.toString(),
            "--verification-key",
            key.toString(),
            "data.app.allow");
    assertThat(tampered.code()).isEqualTo(2);
    assertThat(tampered.err()).contains("app.rego: digest does not match");
  }

  @Test
  void evalReadsTarballBundles() throws Exception {
    Path tgz = tmp.resolve("b.tar.gz");
    writeSingleFileTarGz(tgz, "p.rego", "package p\n\nx := 42\n");
    Run run = rego("eval", "-b", tgz.toString(), "data.p.x");
    assertThat(run.err()).isEmpty();
    assertThat(run.out().strip()).isEqualTo("42");
  }

  @Test
  void testCommandFailsWithLocationsWhenATestFails() throws Exception {
    Run run = rego("test", resource("mixed"));
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("authz_test.rego:9: data.kafka.authz_test.test_stranger_allowed: FAIL")
        .contains("PASS: 1/5");
  }

  @Test
  void testCommandSucceedsWhenAllPass() throws Exception {
    Run run = rego("test", "-v", resource("passing"));
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("test_small_fits: PASS").endsWith("PASS: 2/2\n");
  }

  @Test
  void conformanceRunsADirectoryAndChecksABaseline() throws IOException {
    Path cases = tmp.resolve("cases/basic");
    Files.createDirectories(cases);
    Files.writeString(
        cases.resolve("test-basic.yaml"),
        """
        cases:
          - note: basic/pass
            modules: ["package t\\n\\np := 1\\n"]
            query: data.t.p = x
            want_result: [{x: 1}]
          - note: basic/fail
            modules: ["package t\\n\\np := 1\\n"]
            query: data.t.p = x
            want_result: [{x: 2}]
        """);
    Path pass = tmp.resolve("pass.txt");
    Run run =
        rego(
            "conformance",
            "--failures",
            "--write-pass",
            pass.toString(),
            tmp.resolve("cases").toString());
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("OPA conformance: 2 cases, 1 passed, 1 failed, 0 skipped")
        .contains("FAIL basic/test-basic.yaml#basic/fail");
    assertThat(Files.readString(pass)).isEqualTo("basic/test-basic.yaml#basic/pass\n");

    Path baseline =
        Files.writeString(
            tmp.resolve("baseline.txt"),
            "basic/test-basic.yaml#basic/pass\nbasic/test-basic.yaml#basic/fail\n");
    Run gated =
        rego("conformance", "--baseline", baseline.toString(), tmp.resolve("cases").toString());
    assertThat(gated.code()).isEqualTo(1);
    assertThat(gated.out()).contains("REGRESSION basic/test-basic.yaml#basic/fail");
  }

  @Test
  void helpListsTheCommands() {
    Run run = rego("--help");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("eval").contains("test").contains("conformance");
  }

  private static String sha256Hex(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** A one-file ustar archive, gzip-compressed. */
  private static void writeSingleFileTarGz(Path target, String name, String content)
      throws IOException {
    byte[] body = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] header = new byte[512];
    System.arraycopy(name.getBytes(), 0, header, 0, name.length());
    System.arraycopy("0000644\0".getBytes(), 0, header, 100, 8);
    System.arraycopy(String.format("%011o\0", body.length).getBytes(), 0, header, 124, 12);
    System.arraycopy(String.format("%011o\0", 0).getBytes(), 0, header, 136, 12);
    header[156] = '0';
    System.arraycopy("ustar\0".getBytes(), 0, header, 257, 6);
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    System.arraycopy(String.format("%06o\0 ", sum).getBytes(), 0, header, 148, 8);
    try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(target))) {
      gz.write(header);
      gz.write(body);
      gz.write(new byte[(512 - body.length % 512) % 512 + 1024]);
    }
  }
}
