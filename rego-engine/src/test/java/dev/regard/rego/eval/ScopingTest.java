package dev.regard.rego.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.Rego;
import dev.regard.rego.TestBuiltins;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

/** Variable scoping, caching under {@code with}, and how base and virtual documents combine. */
class ScopingTest {

  private static Value json(String s) {
    return Json.parse(s);
  }

  @Test
  void comprehensionVariablesDoNotLeak() {
    CompiledPolicy p =
        TestBuiltins.compile(
            """
            package t
            xs := {"a", "b", "c"}
            p := x if {
              y := {x | xs[x]}
              x := count(y)
            }
            """);
    assertThat(p.evaluate("data.t.p", null)).contains(json("3"));
  }

  @Test
  void outerVariablesAreCapturedByComprehensions() {
    CompiledPolicy p =
        TestBuiltins.compile(
            """
            package t
            p := ys if {
              n := 2
              ys := [y | some x in [1, 2, 3]; y := x * n]
            }
            """);
    assertThat(p.evaluate("data.t.p", null)).contains(json("[2,4,6]"));
  }

  @Test
  void someDeclarationsMakeLocalsEvenWhenARuleHasTheName() {
    CompiledPolicy p =
        TestBuiltins.compile(
            """
            package t
            x := "rule"
            p contains x if { some x in [1, 2] }
            q := x
            """);
    assertThat(p.evaluate("data.t.p", null)).contains(Rego.parseValue("{1, 2}"));
    assertThat(p.evaluate("data.t.q", null)).contains(json("\"rule\""));
  }

  @Test
  void withInvalidatesCachedRuleValuesOnlyInsideItsExpression() {
    CompiledPolicy p =
        TestBuiltins.compile(
            """
            package t
            name := input.name
            both := [a, b, c] if {
              a := name
              b := name with input.name as "other"
              c := name
            }
            """);
    assertThat(p.evaluate("data.t.both", json("{\"name\":\"me\"}")))
        .contains(json("[\"me\",\"other\",\"me\"]"));
  }

  @Test
  void withOnDataReplacesNestedRulesAndBaseDocuments() {
    CompiledPolicy p =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module("a.rego", "package a\nq := 1\nr := 2\n")
            .module("t.rego", "package t\np := v if v := data.a with data.a.q as 9\n")
            .data(json("{\"a\":{\"base\":true}}"))
            .compile();
    assertThat(p.evaluate("data.t.p", null)).contains(json("{\"base\":true,\"q\":9,\"r\":2}"));
    assertThat(p.evaluate("data.a", null)).contains(json("{\"base\":true,\"q\":1,\"r\":2}"));
  }

  @Test
  void iterationOverVirtualAndBaseKeys() {
    CompiledPolicy p =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module("a.rego", "package a.v\nx := 1\n")
            .module("t.rego", "package t\nkeys := {k | data.a[k]}\n")
            .data(json("{\"a\":{\"b\":1}}"))
            .compile();
    assertThat(p.evaluate("data.t.keys", null)).contains(Rego.parseValue("{\"b\", \"v\"}"));
  }

  @Test
  void objectComprehensionKeyConflict() {
    CompiledPolicy p =
        TestBuiltins.compile("package t\np := {k: v | some v in [1, 2]; k := \"same\"}\n");
    assertThatThrownBy(() -> p.evaluate("data.t.p", null))
        .hasMessageContaining("eval_conflict_error")
        .hasMessageContaining("object keys must be unique");
  }

  @Test
  void everyWithKeyAndNegatedBody() {
    CompiledPolicy p =
        TestBuiltins.compile(
            """
            package t
            ordered if every i, x in [1, 2, 3] { x == i + 1 }
            none_big if not { some x in input.xs; x > 10 }
            """);
    assertThat(p.evaluate("data.t.ordered", null)).contains(json("true"));
    assertThat(p.evaluate("data.t.none_big", json("{\"xs\":[1,2]}"))).contains(json("true"));
    assertThat(p.evaluate("data.t.none_big", json("{\"xs\":[1,20]}"))).isEmpty();
  }

  @Test
  void lookupsByKeyAgreeWithWholeDocuments() {
    CompiledPolicy p =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module(
                "t.rego",
                """
                package t
                readers contains u if { some u, acls in data.acls; some a in acls; a == "read" }
                by_user[u] := count(acls) if some u, acls in data.acls
                upper_names contains upper(u) if some u, _ in data.acls
                checks := ["ann" in readers, "bob" in readers, "zed" in readers]
                """)
            .data(json("{\"acls\":{\"ann\":[\"read\",\"write\"],\"bob\":[\"write\"]}}"))
            .compile();
    Value x = json("\"ann\"");
    assertThat(p.evaluate("data.t.checks", null)).contains(json("[true, false, false]"));
    assertThat(p.evaluate("data.t.readers", null)).contains(Rego.parseValue("{\"ann\"}"));
    assertThat(p.evaluate("data.t.readers.ann", null)).contains(x);
    assertThat(p.evaluate("data.t.readers.bob", null)).isEmpty();
    assertThat(p.evaluate("data.t.by_user.ann", null)).contains(json("2"));
    assertThat(p.evaluate("data.t.upper_names.ANN", null)).contains(json("\"ANN\""));
    assertThat(p.query("\"ann\" in data.t.readers", null).bindings()).hasSize(1);
    assertThat(p.query("\"bob\" in data.t.readers", null).bindings()).isEmpty();
  }
}
