package dev.regard.kafka.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.Rego;
import dev.regard.rego.RuleInfo;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every bundle's {@code test_} rules as {@code opa test} would: each must evaluate to true.
 * The bundle is loaded as OPA lays it out: modules from {@code *.rego}, data from each {@code
 * data.json} at its directory's path.
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

  static CompiledPolicy compile(Path bundle) throws IOException {
    Rego.Builder builder = Rego.builder();
    Value data = ObjectValue.EMPTY;
    try (Stream<Path> files = Files.walk(bundle)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String relative = bundle.relativize(file).toString().replace('\\', '/');
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (relative.endsWith(".rego")) {
          builder.module(relative, text);
        } else if (file.getFileName().toString().equals("data.json")) {
          Value value = Json.parse(text, relative);
          Path dir = bundle.relativize(file.getParent());
          for (int i = dir.getNameCount() - 1; i >= 0; i--) {
            if (!dir.getName(i).toString().isEmpty()) {
              value = ObjectValue.of(StringValue.of(dir.getName(i).toString()), value);
            }
          }
          data = merge(data, value);
        }
      }
    }
    return builder.data(data).compile();
  }

  private static Value merge(Value a, Value b) {
    if (a == null) {
      return b;
    }
    if (a instanceof ObjectValue x && b instanceof ObjectValue y) {
      ObjectValue.Builder out = x.toBuilder();
      for (int i = 0; i < y.size(); i++) {
        out.put(y.keyAt(i), merge(x.get(y.keyAt(i)), y.valueAt(i)));
      }
      return out.build();
    }
    return b;
  }
}
