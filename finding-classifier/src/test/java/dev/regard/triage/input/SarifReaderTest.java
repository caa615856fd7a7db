package dev.regard.triage.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.triage.Fixtures;
import dev.regard.triage.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReaderTest {
  @TempDir Path dir;

  @Test
  void readsCodeQlWithSrcRootArtifactIndexAndFileUris() throws Exception {
    List<Finding> findings = Fixtures.read(Fixtures.example("codeql.sarif"));
    assertThat(findings).hasSize(3);
    Finding deser = findings.get(0);
    assertThat(deser.tool()).isEqualTo("CodeQL");
    assertThat(deser.ruleId()).isEqualTo("java/unsafe-deserialization");
    assertThat(deser.level()).isEqualTo("error"); // from the rule's defaultConfiguration
    assertThat(deser.cwes()).containsExactly("CWE-502");
    assertThat(deser.tags()).contains("security");
    assertThat(deser.path())
        .isEqualTo("clients/src/main/java/org/apache/kafka/common/serialization/Deserializer.java");
    assertThat(deser.line()).isEqualTo(60);
    assertThat(deser.id()).isEqualTo("codeql.sarif#1");

    assertThat(findings.get(1).path())
        .isEqualTo(
            "connect/runtime/src/main/java/org/apache/kafka/connect/runtime/rest/RestServer.java");
    assertThat(findings.get(1).cwes()).containsExactly("CWE-22", "CWE-23", "CWE-36");
    // An absolute file: URI under the declared %SRCROOT% becomes repo-relative.
    assertThat(findings.get(2).path())
        .isEqualTo("trogdor/src/main/java/org/apache/kafka/trogdor/workload/PayloadGenerator.java");
    assertThat(findings.get(2).level()).isEqualTo("warning");
  }

  @Test
  void readsSemgrepWithCweTagsPercentEncodingAndBackslashes() throws Exception {
    List<Finding> findings = Fixtures.read(Fixtures.example("semgrep.sarif"));
    assertThat(findings)
        .extracting(Finding::ruleId)
        .containsExactly(
            "java.lang.security.tls-hostname-verification-disabled",
            "java.lang.security.audit.crypto.use-of-sha1");
    assertThat(findings.get(0).cwes()).containsExactly("CWE-297");
    assertThat(findings.get(0).path())
        .isEqualTo("tests/kafkatest/services/templates/kafka.properties");
    assertThat(findings.get(0).evidence()).contains("ssl.endpoint.identification.algorithm");
    assertThat(findings.get(1).path())
        .isEqualTo(
            "clients/src/main/java/org/apache/kafka/common/security/scram/internals/ScramFormatter.java");
    assertThat(findings.get(1).level()).isEqualTo("note");
  }

  @Test
  void readsTrivyWithItsOwnBaseId() throws Exception {
    List<Finding> findings = Fixtures.read(Fixtures.example("trivy.sarif"));
    assertThat(findings)
        .extracting(Finding::path)
        .containsExactly("tests/docker/gradle.lockfile", "docker/Dockerfile");
    assertThat(findings.get(1).tags()).contains("misconfiguration", "HIGH");
    assertThat(findings.get(1).level()).isEqualTo("error");
  }

  @Test
  void resolvesRulesByIndexTaxaMessageStringsAndLogicalLocations() throws Exception {
    Path file = dir.resolve("spotbugs-like.sarif");
    Files.writeString(
        file,
        """
        {"runs": [{
          "results": [
            {"ruleIndex": 0, "message": {"id": "default", "arguments": ["Foo", "bar()"]},
             "locations": [{"logicalLocations": [
               {"kind": "type", "fullyQualifiedName": "org.example.auth.Foo$Inner"}]}],
             "taxa": [{"id": "798", "toolComponent": {"index": 0}}]},
            {"ruleId": "EXT", "rule": {"index": 0, "toolComponent": {"index": 0}},
             "kind": "informational", "message": {"text": "t"},
             "locations": [{"physicalLocation": {"artifactLocation": {
               "uri": "org/example/Baz.java"}}, "logicalLocations": [
               {"fullyQualifiedName": "org.example.Baz.run()"}]}]}
          ],
          "tool": {"driver": {"name": "Scanner", "rules": [
              {"id": "HARD_CODED_PASSWORD",
               "messageStrings": {"default": {"text": "Hard coded password in {0}.{1}"}},
               "relationships": [{"target": {"id": "259", "toolComponent": {"name": "CWE"}}}],
               "properties": {"tags": ["SECURITY"]}}]},
            "extensions": [{"name": "ext", "rules": [{"id": "EXT", "properties": {"cwe": "CWE-20"}}]}]},
          "taxonomies": [{"name": "CWE"}]
        }], "version": "2.1.0"}
        """);
    List<Finding> findings = Fixtures.read(file);
    Finding first = findings.get(0);
    assertThat(first.ruleId()).isEqualTo("HARD_CODED_PASSWORD");
    assertThat(first.message()).isEqualTo("Hard coded password in Foo.bar()");
    assertThat(first.cwes()).containsExactly("CWE-259", "CWE-798");
    assertThat(first.tags()).containsExactly("SECURITY");
    assertThat(first.path()).isEqualTo("org/example/auth/Foo.java");
    assertThat(first.sourceRootRelative()).isTrue();
    assertThat(first.logicalLocation()).isEqualTo("org.example.auth.Foo$Inner");

    Finding second = findings.get(1);
    assertThat(second.cwes()).containsExactly("CWE-20");
    assertThat(second.level()).isEqualTo("none"); // not a failure: no level
    assertThat(second.path()).isEqualTo("org/example/Baz.java");
    assertThat(second.sourceRootRelative()).isTrue();
  }

  @Test
  void aResultWithoutLocationIsReadWithoutPath() throws Exception {
    Path file = dir.resolve("nolocation.sarif");
    Files.writeString(
        file,
        """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "T"}},
          "results": [{"ruleId": "R", "message": {"text": "m"}}]}]}
        """);
    Finding f = Fixtures.read(file).get(0);
    assertThat(f.path()).isNull();
    assertThat(f.displayLocation()).isEqualTo("(no location)");
  }

  @Test
  void fingerprintsDependOnContentNotPosition() throws Exception {
    Path a = dir.resolve("a.sarif");
    Path b = dir.resolve("b.sarif");
    String one = "{\"ruleId\": \"R1\", \"message\": {\"text\": \"one\"}}";
    String two = "{\"ruleId\": \"R2\", \"message\": {\"text\": \"two\"}}";
    String log =
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"T\"}},"
            + " \"results\": [%s, %s]}]}";
    Files.writeString(a, log.formatted(one, two));
    Files.writeString(b, log.formatted(two, one));
    List<Finding> fa = Fixtures.read(a);
    List<Finding> fb = Fixtures.read(b);
    assertThat(fa.get(0).fingerprint()).isEqualTo(fb.get(1).fingerprint());
    assertThat(fa.get(0).fingerprint()).isNotEqualTo(fa.get(1).fingerprint());
  }
}
