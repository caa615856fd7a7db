package dev.regard.rego.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.types.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The parser and the type checker, with every standard builtin, an input schema and the strict
 * checks: any module either compiles or is rejected with a {@link RegoException} whose every error
 * has a code and a file:line; no other exception escapes. The fuzz test runs over its committed
 * seeds in the build and fuzzes with {@code JAZZER_FUZZ=1}; the conformance modules of OPA (read
 * from {@code ../shared/opa-conformance/v1}) are checked with the same property.
 */
class CheckerFuzzTest {
  private static final Schemas SCHEMAS =
      Schemas.of(
              java.util.Map.of(
                  "req",
                  "{\"type\": \"object\", \"properties\": {\"user\": {\"type\": \"string\"},"
                      + " \"roles\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}"))
          .withInput("{\"type\": \"object\", \"additionalProperties\": true}");

  @FuzzTest(maxDuration = "4m")
  void fuzz(byte[] data) {
    compiles(new String(data, StandardCharsets.UTF_8));
  }

  @TestFactory
  Stream<DynamicTest> conformanceModules() throws IOException {
    String dir = System.getProperty("regard.conformance.dir");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)),
        "OPA conformance cases not found at " + dir + " (../shared/opa-conformance/v1)");
    List<DynamicTest> tests = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (Stream<Path> files = Files.walk(Path.of(dir))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode cases;
        try {
          cases = yaml.readTree(f.toFile()).path("cases");
        } catch (IOException e) {
          continue; // the conformance harness reports unreadable case files
        }
        int i = 0;
        for (JsonNode c : cases) {
          for (JsonNode m : c.path("modules")) {
            String name = Path.of(dir).relativize(f) + "#" + i++;
            String module = m.asText();
            tests.add(DynamicTest.dynamicTest(name, () -> compiles(module)));
          }
        }
      }
    }
    return tests.stream();
  }

  /** The property: compiled, or refused with located errors. */
  private static void compiles(String source) {
    for (boolean strict : new boolean[] {false, true}) {
      try {
        Rego.builder().module("fuzz.rego", source).schemas(SCHEMAS).strictChecks(strict).compile();
      } catch (RegoException e) {
        assertThat(e.errors()).isNotEmpty();
        for (RegoError err : e.errors()) {
          assertThat(err.code()).isNotBlank();
          assertThat(err.location()).as("location of %s", err).isNotNull();
          assertThat(err.location().file()).isEqualTo("fuzz.rego");
          assertThat(err.location().line()).isPositive();
        }
      }
    }
  }
}
