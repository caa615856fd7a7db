package dev.regard.rego.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.Rego;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OPA's compiler strict mode: each check's text as OPA's compiler gives it (rego_compile_error),
 * and nothing of it without strict mode.
 */
class StrictChecksTest {
  private static List<RegoError> errors(boolean strict, String module) {
    try {
      Rego.builder().module("p.rego", module).strictChecks(strict).compile();
    } catch (RegoException e) {
      return e.errors();
    }
    return List.of();
  }

  private static List<String> strict(String module) {
    List<RegoError> es = errors(true, module);
    assertThat(es).extracting(RegoError::code).containsOnly("rego_compile_error");
    assertThat(errors(false, module)).as("only in strict mode").isEmpty();
    return es.stream().map(e -> e.location().line() + ": " + e.message()).toList();
  }

  @Test
  void unusedLocalAssignments() {
    assertThat(strict("package t\n\np if {\n  x := 1\n  y := 2\n  y > 1\n}\n"))
        .containsExactly("4: assigned var x unused");
    assertThat(strict("package t\n\nq := [1 | x := 2]\n"))
        .containsExactly("3: assigned var x unused");
    assertThat(errors(true, "package t\n\np := x if x := 1\n")).isEmpty();
  }

  @Test
  void unusedFunctionArguments() {
    assertThat(strict("package t\n\nf(x, y) := y\n"))
        .containsExactly("3: unused argument x. (hint: use _ (wildcard variable) instead)");
    assertThat(errors(true, "package t\n\nf(_, y) := y\n")).isEmpty();
  }

  @Test
  void duplicateAndUnusedImports() {
    assertThat(
            strict(
                "package t\n\nimport data.a.b\nimport data.c.b\nimport data.d\n\np if b.x == 1\n"))
        .containsExactly("4: import must not shadow import data.a.b", "5: import data.d unused");
    assertThat(errors(true, "package t\n\nimport data.lib\n\np if lib.f(1)\n"))
        .extracting(RegoError::message)
        .doesNotContain("import data.lib unused");
  }

  @Test
  void deprecatedBuiltins() {
    assertThat(strict("package t\n\np if net.cidr_overlap(\"10.0.0.0/8\", \"10.1.2.3\")\n"))
        .containsExactly("3: deprecated built-in function calls in expression: net.cidr_overlap");
  }
}
