package dev.regard.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.StringValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseLoaderTest {
  @TempDir Path root;

  private void write(String relative, String yaml) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, yaml);
  }

  @Test
  void readsEveryFieldWithExactNumbers() throws IOException {
    write(
        "numbers/test-big.yaml",
        """
        cases:
          - note: numbers/big
            modules:
              - |
                package test
                p := 1
            data:
              big: 123456789012345678901234567890
              frac: 0.1
            input: {"a": [1, 2.50]}
            query: data.test.p = x
            sort_bindings: true
            strict_error: true
            want_result:
              - x: 1
          - note: numbers/error
            input_term: '{"a", 1}'
            query: data.test.q = x
            want_error_code: eval_type_error
            want_error: "oops"
        """);
    List<ConformanceCase> cases = CaseLoader.load(root);
    assertThat(cases).hasSize(2);
    ConformanceCase first = cases.get(0);
    assertThat(first.id()).isEqualTo("numbers/test-big.yaml#numbers/big");
    assertThat(first.category()).isEqualTo("numbers");
    assertThat(first.modules()).containsExactly("package test\np := 1\n");
    assertThat(first.data().get("big"))
        .isEqualTo(NumberValue.parse("123456789012345678901234567890"));
    assertThat(first.data().get("frac").toString()).isEqualTo("0.1");
    assertThat(first.input()).isEqualTo(Json.parse("{\"a\": [1, 2.5]}"));
    assertThat(first.sortBindings()).isTrue();
    assertThat(first.strictError()).isTrue();
    assertThat(first.wantResult()).hasSize(1);
    assertThat(first.wantResult().get(0)).containsEntry("x", NumberValue.ONE);
    assertThat(first.skipReason()).isNull();

    ConformanceCase second = cases.get(1);
    assertThat(second.modules()).isEmpty();
    assertThat(second.inputTerm()).isEqualTo("{\"a\", 1}");
    assertThat(second.wantResult()).isNull();
    assertThat(second.wantErrorCode()).isEqualTo("eval_type_error");
    assertThat(second.wantError()).isEqualTo("oops");
  }

  @Test
  void emptyWantResultMeansNoSolutions() throws IOException {
    write("c/t.yaml", "cases:\n  - note: n\n    query: 'false'\n    want_result: []\n");
    assertThat(CaseLoader.load(root).get(0).wantResult()).isEmpty();
  }

  @Test
  void repeatedNotesGetDistinctIds() throws IOException {
    write("c/t.yaml", "cases:\n  - {note: n, query: 'true'}\n  - {note: n, query: 'true'}\n");
    assertThat(CaseLoader.load(root))
        .extracting(ConformanceCase::id)
        .containsExactly("c/t.yaml#n", "c/t.yaml#n [2]");
  }

  @Test
  void unknownFieldsAndSkipMarkTheCaseSkipped() throws IOException {
    write(
        "c/t.yaml",
        "cases:\n"
            + "  - {note: a, query: 'true', env: {X: '1'}}\n"
            + "  - {note: b, query: 'true', skip: true}\n"
            + "  - {note: c, query: 'true', skip: false, want_result: [{}]}\n");
    List<ConformanceCase> cases = CaseLoader.load(root);
    assertThat(cases.get(0).skipReason()).isEqualTo("unsupported field 'env'");
    assertThat(cases.get(1).skipReason()).isEqualTo("marked skip in the case file");
    assertThat(cases.get(2).skipReason()).isNull();
  }

  @Test
  void yamlValuesKeepTheirTypes() throws IOException {
    write("c/t.yaml", "cases:\n  - {note: n, query: 'true', input: {s: '1', b: false, z: null}}\n");
    assertThat(CaseLoader.load(root).get(0).input().toJson())
        .isEqualTo("{\"b\":false,\"s\":\"1\",\"z\":null}");
    assertThat(CaseLoader.load(root).get(0).input())
        .isNotEqualTo(Json.parse("{\"b\":false,\"s\":1,\"z\":null}"));
    assertThat(StringValue.of("1")).isNotEqualTo(NumberValue.ONE);
  }

  @Test
  void malformedFileNamesFileAndLine() throws IOException {
    write("bad/t.yaml", "cases:\n  - note: x\n    query: [unclosed\n");
    assertThatThrownBy(() -> CaseLoader.load(root))
        .isInstanceOf(CaseFormatException.class)
        .hasMessageStartingWith("bad/t.yaml:");
  }

  @Test
  void missingQueryIsAnError() throws IOException {
    write("bad/t.yaml", "cases:\n  - note: x\n");
    assertThatThrownBy(() -> CaseLoader.load(root))
        .hasMessage("bad/t.yaml: case 1: missing 'query'");
  }

  @Test
  void fileWithoutCasesIsAnError() throws IOException {
    write("bad/t.yaml", "foo: 1\n");
    assertThatThrownBy(() -> CaseLoader.load(root)).hasMessageContaining("'cases:' list");
  }
}
