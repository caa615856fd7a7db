package dev.regard.rego.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rego check} on the shipped default bundle, as is and with one input field misspelt. */
class CheckCommandTest {
  private static final Path DEFAULT_BUNDLE =
      Path.of(System.getProperty("regard.repository.root", ".."))
          .resolve("policy-bundles/src/main/resources/bundles/default");

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run rego(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void theDefaultBundleIsClean() {
    Run run = rego("check", DEFAULT_BUNDLE.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
  }

  @Test
  void aMisspeltInputFieldIsReportedWithFileAndLine() throws IOException {
    Path copy = tmp.resolve("default");
    copyTree(DEFAULT_BUNDLE, copy);
    Path policy = copy.resolve("kafka/authz/policy.rego");
    List<String> lines = Files.readAllLines(policy, StandardCharsets.UTF_8);
    int line = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (line == 0 && lines.get(i).contains("input.resource.name")) {
        lines.set(i, lines.get(i).replace("input.resource.name", "input.resource.nmae"));
        line = i + 1;
      }
    }
    Files.write(policy, lines, StandardCharsets.UTF_8);

    Run run = rego("check", copy.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            copy.resolve("kafka/authz/policy.rego")
                + ":"
                + line
                + ": rego_type_error: undefined ref: input.resource.nmae");
  }

  @Test
  void aSchemaDirectoryTypesPlainFiles() throws IOException {
    Path schemas = Files.createDirectories(tmp.resolve("schemas"));
    Files.writeString(
        schemas.resolve("req.json"),
        "{\"type\": \"object\", \"properties\": {\"user\": {\"type\": \"string\"}}}");
    Path rego =
        Files.writeString(
            tmp.resolve("p.rego"),
            "package p\n\n# METADATA\n# schemas:\n#   - input: schema.req\nallow if input.usr == \"a\"\n");
    assertThat(rego("check", rego.toString()).code()).as("no schemas: not checked").isZero();
    Run run = rego("check", "--schema", schemas.toString(), rego.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains(rego + ":6: rego_type_error: undefined ref: input.usr");
  }

  @Test
  void strictRefusesAnnotationsWhoseSchemaIsMissing() throws IOException {
    Path rego =
        Files.writeString(
            tmp.resolve("p.rego"),
            "package p\n\n# METADATA\n# schemas:\n#   - input: schema.req\nallow if input.user\n");
    Run run = rego("check", "--strict", rego.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("rego_type_error: undefined schema: schema.req");
  }

  @Test
  void strictReportsUnusedAssignmentsAndImports() throws IOException {
    Path rego =
        Files.writeString(
            tmp.resolve("p.rego"), "package p\n\nimport data.x\n\nallow if {\n  y := 1\n}\n");
    assertThat(rego("check", rego.toString()).code()).isZero();
    Run run = rego("check", "--strict", rego.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(rego + ":3: rego_compile_error: import data.x unused")
        .contains(rego + ":6: rego_compile_error: assigned var y unused");
  }

  @Test
  void theDefaultBundleIsCleanInStrictMode() {
    Run run = rego("check", "--strict", DEFAULT_BUNDLE.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
  }

  @Test
  void typeErrorsWithoutSchemasAreReportedToo() throws IOException {
    Path rego = Files.writeString(tmp.resolve("p.rego"), "package p\n\nn := count(true)\n");
    Run run = rego("check", rego.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith(rego + ":3: rego_type_error: count: invalid argument(s)");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
