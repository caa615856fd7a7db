package dev.regard.rego.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalOptions;
import dev.regard.rego.Rego;
import dev.regard.rego.testing.TestResult.Status;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TestRunnerTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TestRunnerTest.class.getResource("/testing/" + name).toURI());
  }

  private static CompiledPolicy compile(String folder, String... files) throws Exception {
    Rego.Builder b = Rego.builder();
    for (String f : files) {
      Path p = resource(folder + "/" + f);
      b.module(folder + "/" + f, Files.readString(p));
    }
    return b.compile();
  }

  @Test
  void reportsPassFailErrorAndSkipWithLocations() throws Exception {
    CompiledPolicy policy =
        Rego.builder()
            .module("mixed/authz.rego", Files.readString(resource("mixed/authz.rego")))
            .module("mixed/authz_test.rego", Files.readString(resource("mixed/authz_test.rego")))
            .data(
                ObjectValue.of(
                    StringValue.of("kafka"),
                    Json.parse(Files.readString(resource("mixed/kafka/data.json")))))
            .compile();

    TestReport report = new TestRunner().run(policy);
    Map<String, TestResult> byRef =
        report.results().stream().collect(Collectors.toMap(TestResult::ref, Function.identity()));

    assertThat(byRef)
        .containsOnlyKeys(
            "data.kafka.authz_test.test_admin_allowed",
            "data.kafka.authz_test.test_stranger_allowed",
            "data.kafka.authz_test.test_not_boolean",
            "data.kafka.authz_test.test_conflict",
            "data.kafka.authz_test.todo_test_later");
    assertThat(byRef.get("data.kafka.authz_test.test_admin_allowed").status())
        .isEqualTo(Status.PASS);
    TestResult stranger = byRef.get("data.kafka.authz_test.test_stranger_allowed");
    assertThat(stranger.status()).isEqualTo(Status.FAIL);
    assertThat(stranger.message()).isEqualTo("undefined");
    assertThat(stranger.where()).isEqualTo("mixed/authz_test.rego:9");
    TestResult notBoolean = byRef.get("data.kafka.authz_test.test_not_boolean");
    assertThat(notBoolean.status()).isEqualTo(Status.FAIL);
    assertThat(notBoolean.message()).isEqualTo("value: 5");
    TestResult conflict = byRef.get("data.kafka.authz_test.test_conflict");
    assertThat(conflict.status()).isEqualTo(Status.ERROR);
    assertThat(conflict.message()).contains("eval_conflict_error");
    assertThat(byRef.get("data.kafka.authz_test.todo_test_later").status())
        .isEqualTo(Status.SKIPPED);

    assertThat(report.succeeded()).isFalse();
    String text = report.format(false);
    assertThat(text)
        .contains("mixed/authz_test.rego:9: data.kafka.authz_test.test_stranger_allowed: FAIL")
        .contains("mixed/authz_test.rego:15: data.kafka.authz_test.test_conflict: ERROR")
        .doesNotContain("test_admin_allowed")
        .contains("PASS: 1/5\nFAIL: 2/5\nERROR: 1/5\nSKIPPED: 1/5\n");
  }

  @Test
  void allPassingSucceeds() throws Exception {
    CompiledPolicy policy = compile("passing", "limits.rego", "limits_test.rego");
    TestReport report = new TestRunner().run(policy);
    assertThat(report.succeeded()).isTrue();
    assertThat(report.format(false)).isEqualTo("PASS: 2/2\n");
    assertThat(report.format(true))
        .contains("passing/limits_test.rego:5: data.quota_test.test_small_fits: PASS")
        .contains("passing/limits_test.rego:7: data.quota_test.test_large_rejected: PASS");
  }

  @Test
  void aFilterRunsOnlyMatchingTests() throws Exception {
    CompiledPolicy policy = compile("passing", "limits.rego", "limits_test.rego");
    TestReport report = new TestRunner(EvalOptions.DEFAULT, Pattern.compile("large")).run(policy);
    assertThat(report.results())
        .extracting(TestResult::ref)
        .containsExactly("data.quota_test.test_large_rejected");
  }

  @Test
  void policyWithoutTestsReportsNothingToRun() throws IOException {
    CompiledPolicy policy =
        Rego.builder().module("p.rego", "package p\n\nallow := true\n").compile();
    TestReport report = new TestRunner().run(policy);
    assertThat(report.results()).isEmpty();
    assertThat(report.succeeded()).isTrue();
    assertThat(report.format(false)).isEqualTo("PASS: 0/0\n");
  }
}
