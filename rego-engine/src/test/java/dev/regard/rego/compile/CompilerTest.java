package dev.regard.rego.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.TestBuiltins;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.value.ObjectValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compile-time checks OPA performs, with their codes and locations. */
class CompilerTest {

  private static List<RegoError> errors(String... modules) {
    List<Compiler.Source> sources = new java.util.ArrayList<>();
    for (int i = 0; i < modules.length; i++) {
      sources.add(new Compiler.Source("m" + i + ".rego", modules[i]));
    }
    try {
      Compiler.compile(sources, ObjectValue.EMPTY, TestBuiltins.registry());
    } catch (RegoException e) {
      return e.errors();
    }
    throw new AssertionError("expected compile errors");
  }

  private static Program compile(String module) {
    return Compiler.compile(
        List.of(new Compiler.Source("m.rego", module)), ObjectValue.EMPTY, TestBuiltins.registry());
  }

  @Test
  void unsafeVariablesAreReportedWhereTheyOccur() {
    List<RegoError> es = errors("package t\np if {\n  x > 1\n}\n");
    assertThat(es).extracting(RegoError::code).containsExactly("rego_unsafe_var_error");
    assertThat(es.get(0).message()).isEqualTo("var x is unsafe");
    assertThat(es.get(0).location()).isEqualTo(new Location("m0.rego", 3, 3));
    assertThat(errors("package t\np := y\n").get(0).message()).isEqualTo("var y is unsafe");
    assertThat(errors("package t\np if not q[x]\nq contains 1\nr if x > 0\n"))
        .extracting(RegoError::code)
        .contains("rego_unsafe_var_error");
  }

  @Test
  void unsafeDeclaredVariablesAreNamedAsWritten() {
    List<RegoError> es = errors("package t\np := x if {\n  some x\n  y := 1\n}\n");
    assertThat(es).extracting(RegoError::message).containsExactly("var x is unsafe");
  }

  @Test
  void bodiesAreReorderedSoInputsAreBoundFirst() {
    Program p = compile("package t\np if {\n  y == 2\n  y = x + 1\n  x = 1\n}\n");
    RuleGroup g =
        p.root()
            .child(dev.regard.rego.value.StringValue.of("t"))
            .child(dev.regard.rego.value.StringValue.of("p"))
            .group();
    List<dev.regard.rego.ast.Literal> body = g.rules().get(0).body();
    assertThat(body.get(0).location().line()).isEqualTo(5);
    assertThat(body.get(1).location().line()).isEqualTo(4);
    assertThat(body.get(2).stmt()).isInstanceOf(Stmt.TermStmt.class);
  }

  @Test
  void recursionIsRejected() {
    List<RegoError> es = errors("package t\np if q\nq if p\n");
    assertThat(es).extracting(RegoError::code).contains("rego_recursion_error");
    assertThat(es.get(0).message()).contains("data.t.p").contains("is recursive");
    assertThat(errors("package t\nf(x) := f(x)\n"))
        .extracting(RegoError::code)
        .containsExactly("rego_recursion_error");
  }

  @Test
  void unknownFunctionsAndWrongArity() {
    List<RegoError> es = errors("package t\np := nope(1)\nq := count(1, 2)\n");
    assertThat(es).extracting(RegoError::code).containsExactly("rego_type_error");
    assertThat(es.get(0).message()).isEqualTo("undefined function nope");
    assertThat(errors("package t\nq := count(1, 2)\nr := count(1, 2, 3)\n"))
        .extracting(RegoError::message)
        .allSatisfy(m -> assertThat(m).startsWith("count: too many arguments"))
        .hasSize(2);
  }

  @Test
  void assignmentRules() {
    assertThat(errors("package t\np if {\n  x := 1\n  x := 2\n}\n"))
        .extracting(RegoError::message)
        .contains("var x assigned above");
    assertThat(errors("package t\np if {\n  x > 0\n  x := 2\n}\n"))
        .extracting(RegoError::message)
        .contains("var x referenced above");
    assertThat(errors("package t\np if {\n  input := 1\n}\n"))
        .extracting(RegoError::message)
        .contains("variables must not shadow input (use a different variable name)");
    assertThat(errors("package t\ninput := 1\n"))
        .extracting(RegoError::message)
        .contains("rules must not shadow input (use a different rule name)");
    assertThat(errors("package t\nf(data) := 1\n"))
        .extracting(RegoError::message)
        .contains("args must not shadow data (use a different variable name)");
  }

  @Test
  void ruleShapeConflicts() {
    assertThat(errors("package t\np := 1\np contains 2\n"))
        .extracting(RegoError::message)
        .contains("conflicting rules data.t.p found");
    assertThat(errors("package t\ndefault p := 1\ndefault p := 2\n"))
        .extracting(RegoError::message)
        .contains("multiple default rules data.t.p found");
  }

  @Test
  void everyErrorOfEveryModuleIsReported() {
    List<RegoError> es = errors("package a\np := {", "package b\nq := ]");
    assertThat(es).hasSize(2);
    assertThat(es).extracting(e -> e.location().file()).containsExactly("m0.rego", "m1.rego");
  }

  @Test
  void queriesAreCheckedToo() {
    Program p = compile("package t\n");
    assertThatThrownBy(() -> Compiler.compileQuery(p, "x > 1"))
        .hasMessageContaining("rego_unsafe_var_error");
    assertThat(Compiler.compileQuery(p, "x := 1; y := x").vars()).containsKeys("x", "y");
  }
}
