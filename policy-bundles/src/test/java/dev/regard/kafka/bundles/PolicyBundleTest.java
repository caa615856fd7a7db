package dev.regard.kafka.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.RuleInfo;
import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every bundle's {@code test_} rules as {@code opa test} would: each must evaluate to true.
 * Each bundle is read by the engine's bundle reader and type-checked against the input schemas in
 * its {@code schemas/} folder, which its policies declare in {@code # METADATA} annotations.
 */
class PolicyBundleTest {
  private static final Path BUNDLES = Path.of("src/main/resources/bundles");

  @ParameterizedTest
  @ValueSource(strings = {"default", "opa-kafka-plugin-example", "acls"})
  void everyBundleTestPasses(String name) throws IOException {
    CompiledPolicy policy = compile(BUNDLES.resolve(name));
    TreeSet<String> tests = new TreeSet<>();
    for (RuleInfo rule : policy.rules()) {
      if (rule.ref().substring(rule.ref().lastIndexOf('.') + 1).startsWith("test_")) {
        tests.add(rule.ref());
      }
    }
    assertThat(tests).as("tests in bundle " + name).isNotEmpty();
    List<String> failed = new ArrayList<>();
    for (String test : tests) {
      Optional<Value> result = policy.evaluate(test, null);
      if (!result.equals(Optional.of(BooleanValue.TRUE))) {
        failed.add(test);
      }
    }
    assertThat(failed).as("failing tests in bundle " + name).isEmpty();
  }

  /** Reads a bundle as the engine's bundle reader does: modules, data and input schemas. */
  static CompiledPolicy compile(Path bundle) {
    return BundleReader.create().read(bundle).applyTo(Rego.builder()).compile();
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "opa-kafka-plugin-example"})
  void everyBundleDeclaresTheShippedInputSchema(String name) throws IOException {
    Bundle bundle = BundleReader.create().read(BUNDLES.resolve(name));
    assertThat(bundle.schemas()).containsKey("authz_input");
    String policy = bundle.modules().get("kafka/authz/policy.rego");
    assertThat(policy).contains("# METADATA\n# schemas:\n#   - input: schema.authz_input\n");
  }

  @Test
  void aMisspeltInputFieldInTheDefaultBundleIsATypeErrorWithFileAndLine(@TempDir Path tmp)
      throws IOException {
    Path copy = tmp.resolve("default");
    copyTree(BUNDLES.resolve("default"), copy);
    Path policy = copy.resolve("kafka/authz/policy.rego");
    List<String> lines = Files.readAllLines(policy, StandardCharsets.UTF_8);
    int line = -1;
    for (int i = 0; i < lines.size() && line < 0; i++) {
      if (lines.get(i).contains("input.resource.name")) {
        lines.set(i, lines.get(i).replace("input.resource.name", "input.resource.nmae"));
        line = i + 1;
      }
    }
    assertThat(line).as("the default policy reads input.resource.name").isPositive();
    Files.write(policy, lines, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> compile(copy))
        .isInstanceOfSatisfying(
            RegoException.class,
            e -> {
              RegoError first = e.errors().get(0);
              assertThat(first.code()).isEqualTo("rego_type_error");
              assertThat(first.message()).startsWith("undefined ref: input.resource.nmae");
              assertThat(first.location().file()).isEqualTo("kafka/authz/policy.rego");
            });
    int expectedLine = line;
    assertThatThrownBy(() -> compile(copy))
        .isInstanceOfSatisfying(
            RegoException.class,
            e ->
                assertThat(e.errors())
                    .anySatisfy(err -> assertThat(err.location().line()).isEqualTo(expectedLine)));
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
