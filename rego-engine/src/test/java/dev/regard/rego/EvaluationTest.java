package dev.regard.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.Value;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Language semantics, checked through the public facade. */
class EvaluationTest {

  private static Value json(String s) {
    return Json.parse(s);
  }

  private static Value eval(String ref, String input, String... modules) {
    Optional<Value> v =
        TestBuiltins.compile(modules).evaluate(ref, input == null ? null : json(input));
    return v.orElse(null);
  }

  @Test
  void completeRulesDefaultsAndElse() {
    String m =
        """
        package t
        default allow := false
        allow if input.user == "alice"
        level := "high" if input.n > 10
        else := "mid" if input.n > 5
        else := "low"
        """;
    assertThat(eval("data.t.allow", "{\"user\":\"alice\"}", m)).isEqualTo(json("true"));
    assertThat(eval("data.t.allow", "{\"user\":\"bob\"}", m)).isEqualTo(json("false"));
    assertThat(eval("data.t.allow", null, m)).isEqualTo(json("false"));
    assertThat(eval("data.t.level", "{\"n\":11}", m)).isEqualTo(json("\"high\""));
    assertThat(eval("data.t.level", "{\"n\":6}", m)).isEqualTo(json("\"mid\""));
    assertThat(eval("data.t.level", "{\"n\":1}", m)).isEqualTo(json("\"low\""));
  }

  @Test
  void defaultValuesMayHoldComprehensions() {
    String m =
        """
        package t
        default names := [n | some n in input.names; n != "root"]
        names := ["fixed"] if input.fixed
        default f(_) := {k | some k in input.keys}
        f(x) := x if x > 1
        """;
    assertThat(eval("data.t.names", "{\"names\":[\"a\",\"root\"]}", m)).isEqualTo(json("[\"a\"]"));
    assertThat(eval("data.t.names", "{\"fixed\":true}", m)).isEqualTo(json("[\"fixed\"]"));
    CompiledPolicy policy = TestBuiltins.compile(m);
    assertThat(policy.query("x := data.t.f(0)", json("{\"keys\":[1]}")).bindings())
        .containsExactly(Map.of("x", Rego.parseValue("{1}")));
    assertThat(policy.query("x := data.t.f(5)", null).bindings())
        .containsExactly(Map.of("x", json("5")));
    assertThatThrownBy(() -> TestBuiltins.compile("package t\ndefault p := [x, 1]\n"))
        .isInstanceOf(RegoException.class)
        .hasMessageContaining("rego_parse_error: illegal default rule (value cannot contain var)");
    assertThatThrownBy(() -> TestBuiltins.compile("package t\ndefault p := {\"a\": input.x}\n"))
        .hasMessageContaining("illegal default rule (value cannot contain ref)");
  }

  @Test
  void emptyPackagesAreEmptyObjects() {
    assertThat(eval("data.a", null, "package a.b\n", "package a.c\nf(x) := x\n"))
        .isEqualTo(json("{\"b\":{},\"c\":{}}"));
  }

  @Test
  void everyOverANonCollectionIsUndefined() {
    String m =
        """
        package t
        p if every x in input.n { x > 0 }
        """;
    assertThat(eval("data.t.p", "{\"n\":[1,2]}", m)).isEqualTo(json("true"));
    assertThat(eval("data.t.p", "{\"n\":[]}", m)).isEqualTo(json("true"));
    assertThat(eval("data.t.p", "{\"n\":5}", m)).isNull();
    assertThat(eval("data.t.p", "{\"n\":\"abc\"}", m)).isNull();
  }

  @Test
  void referenceKeysInCallArgumentsBindTheirVariables() {
    String m =
        """
        package t
        p := foo if {
          some foo
          foo == input.foos[foo]
        }
        """;
    assertThat(eval("data.t.p", "{\"foos\":[2,1,0]}", m)).isEqualTo(json("1"));
    assertThat(eval("data.t.p", "{\"foos\":[\"foo\"]}", m)).isNull();
  }

  @Test
  void partialSetsObjectsAndRefHeads() {
    String m =
        """
        package t
        users := [{"name": "a", "role": "admin"}, {"name": "b", "role": "dev"}]
        admins contains u.name if { some u in users; u.role == "admin" }
        by_name[u.name] := u.role if some u in users
        tree.roles[u.role].members contains u.name if some u in users
        """;
    assertThat(eval("data.t.admins", null, m)).isEqualTo(Rego.parseValue("{\"a\"}"));
    assertThat(eval("data.t.by_name", null, m)).isEqualTo(json("{\"a\":\"admin\",\"b\":\"dev\"}"));
    assertThat(eval("data.t.by_name.b", null, m)).isEqualTo(json("\"dev\""));
    assertThat(eval("data.t.by_name.zzz", null, m)).isNull();
    assertThat(eval("data.t.tree", null, m))
        .isEqualTo(
            Rego.parseValue(
                "{\"roles\": {\"admin\": {\"members\": {\"a\"}}, \"dev\": {\"members\": {\"b\"}}}}"));
  }

  @Test
  void functionsWithMultipleBodiesAndElse() {
    String m =
        """
        package t
        kind(x) := "small" if x < 10
        kind(x) := "big" if x >= 10
        sign(x) := "neg" if { x < 0 } else := "pos"
        a := kind(3)
        b := kind(30)
        c := sign(-1)
        d := sign(1)
        """;
    assertThat(eval("data.t", null, m))
        .isEqualTo(json("{\"a\":\"small\",\"b\":\"big\",\"c\":\"neg\",\"d\":\"pos\"}"));
  }

  @Test
  void negationEveryAndMembership() {
    String m =
        """
        package t
        xs := [1, 2, 3]
        all_pos if every x in xs { x > 0 }
        all_big if every x in xs { x > 1 }
        no_four if not 4 in xs
        has_pair if "a", 1 in {"a": 1}
        """;
    CompiledPolicy p = TestBuiltins.compile(m);
    assertThat(p.evaluate("data.t.all_pos", null)).contains(json("true"));
    assertThat(p.evaluate("data.t.all_big", null)).isEmpty();
    assertThat(p.evaluate("data.t.no_four", null)).contains(json("true"));
    assertThat(p.evaluate("data.t.has_pair", null)).contains(json("true"));
  }

  @Test
  void comprehensionsAndIterationOverBaseAndVirtualDocuments() {
    String m =
        """
        package t
        doubled := [y | some x in data.nums; y := x * 2]
        keys := {k | data.obj[k]}
        inverse := {v: k | some k, v in data.obj}
        """;
    CompiledPolicy p =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module("m.rego", m)
            .data(json("{\"nums\":[1,2],\"obj\":{\"a\":\"x\",\"b\":\"y\"}}"))
            .compile();
    assertThat(p.evaluate("data.t.doubled", null)).contains(json("[2,4]"));
    assertThat(p.evaluate("data.t.keys", null)).contains(Rego.parseValue("{\"a\",\"b\"}"));
    assertThat(p.evaluate("data.t.inverse", null)).contains(json("{\"x\":\"a\",\"y\":\"b\"}"));
    assertThat(p.data()).isEqualTo(json("{\"nums\":[1,2],\"obj\":{\"a\":\"x\",\"b\":\"y\"}}"));
  }

  @Test
  void unificationOfComposites() {
    CompiledPolicy p = TestBuiltins.compile("package t\n");
    assertThat(p.query("[x, {\"k\": y}] = [1, {\"k\": [2, 3]}]", null).bindings())
        .containsExactly(Map.of("x", json("1"), "y", json("[2,3]")));
    assertThat(p.query("[a, 2] = [1, b]", null).bindings())
        .containsExactly(Map.of("a", json("1"), "b", json("2")));
    assertThat(p.query("[a, 2] = [1, 3]", null).bindings()).isEmpty();
  }

  @Test
  void withReplacesInputDataAndFunctions() {
    String m =
        """
        package t
        user := input.user
        limit := data.cfg.limit
        f(x) := x + 1
        g(x) := x * 100
        r1 := x if x := user with input.user as "carol"
        r2 := x if x := limit with data.cfg.limit as 7
        r3 := x if x := f(1) with f as g
        r4 := x if x := count([1, 2]) with count as 42
        """;
    CompiledPolicy p =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module("m.rego", m)
            .data(json("{\"cfg\":{\"limit\":3}}"))
            .compile();
    assertThat(p.evaluate("data.t.r1", json("{\"user\":\"dave\"}"))).contains(json("\"carol\""));
    assertThat(p.evaluate("data.t.user", json("{\"user\":\"dave\"}"))).contains(json("\"dave\""));
    assertThat(p.evaluate("data.t.r2", null)).contains(json("7"));
    assertThat(p.evaluate("data.t.limit", null)).contains(json("3"));
    assertThat(p.evaluate("data.t.r3", null)).contains(json("100"));
    assertThat(p.evaluate("data.t.r4", null)).contains(json("42"));
  }

  @Test
  void incrementalDefinitionsAcrossModules() {
    CompiledPolicy p =
        TestBuiltins.compile(
            "package t\ns contains 1\n", "package t\ns contains 2\n", "package t.sub\nq := 3\n");
    assertThat(p.evaluate("data.t", null))
        .contains(Rego.parseValue("{\"s\": {1, 2}, \"sub\": {\"q\": 3}}"));
    assertThat(p.rules())
        .extracting(RuleInfo::ref)
        .containsExactlyInAnyOrder("data.t.s", "data.t.s", "data.t.sub.q");
  }

  @Test
  void conflictsAreErrors() {
    assertThatThrownBy(() -> eval("data.t.p", null, "package t\np := 1\np := 2\n"))
        .isInstanceOf(RegoException.class)
        .satisfies(
            e -> {
              RegoError err = ((RegoException) e).errors().get(0);
              assertThat(err.code()).isEqualTo("eval_conflict_error");
              assertThat(err.message())
                  .contains("complete rules must not produce multiple outputs");
              assertThat(err.location().file()).isEqualTo("m0.rego");
            });
    assertThatThrownBy(
            () -> eval("data.t.p", null, "package t\np[\"k\"] := 1\np[x] := 2 if x := \"k\"\n"))
        .hasMessageContaining("eval_conflict_error");
    assertThatThrownBy(() -> eval("data.t.r", null, "package t\nf(_) := 1\nf(_) := 2\nr := f(0)\n"))
        .hasMessageContaining("functions must not produce multiple outputs for same inputs");
  }

  @Test
  void rulesWithConstantValuesStopAtTheFirstSolution() {
    StringBuilder big = new StringBuilder("{\"big\":[");
    for (int i = 0; i < 100_000; i++) {
      big.append(i == 0 ? "" : ",").append(i);
    }
    CompiledPolicy p =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module("m.rego", "package t\nany_positive if { some x in data.big; x > 0 }\n")
            .data(json(big.append("]}").toString()))
            .limits(new EvalLimits(java.time.Duration.ofMinutes(1), 1_000))
            .compile();
    assertThat(p.evaluate("data.t.any_positive", null)).contains(json("true"));
  }

  @Test
  void builtinErrorsAreUndefinedUnlessStrict() {
    String m = "package t\np := 1 / 0\n";
    assertThat(eval("data.t.p", null, m)).isNull();
    CompiledPolicy strict =
        Rego.builder()
            .builtins(TestBuiltins.registry())
            .module("m.rego", m)
            .strictBuiltinErrors(true)
            .compile();
    assertThatThrownBy(() -> strict.evaluate("data.t.p", null))
        .isInstanceOf(RegoException.class)
        .hasMessage("m.rego:2: eval_builtin_error: div: divide by zero");
    CompiledPolicy lenient = TestBuiltins.compile(m);
    assertThatThrownBy(() -> lenient.evaluate("data.t.p", null, new EvalOptions(null, null, true)))
        .hasMessageContaining("div: divide by zero");
  }

  @Test
  void strictBuiltinErrorsStopEvaluationInsteadOfSatisfyingNot() {
    String m =
        """
        package t
        allow if {
          startswith(input.name, "trap.")
          not blocked
        }
        blocked if to_number(input.client) > 0
        """;
    Value input = json("{\"name\": \"trap.one\", \"client\": \"not-a-number\"}");
    // OPA's default: the builtin error makes `blocked` undefined, so `not blocked` holds.
    assertThat(Rego.builder().module("m.rego", m).compile().evaluate("data.t.allow", input))
        .contains(json("true"));
    CompiledPolicy strict = Rego.builder().module("m.rego", m).strictBuiltinErrors(true).compile();
    assertThatThrownBy(() -> strict.evaluate("data.t.allow", input))
        .isInstanceOfSatisfying(
            RegoException.class,
            e -> {
              assertThat(e.code()).isEqualTo("eval_builtin_error");
              assertThat(e.errors().get(0).location().line()).isEqualTo(6);
            });
  }

  @Test
  void engineFaultsInsideBuiltinsAreErrorsInEveryMode() {
    // Stand-ins for an engine bug and a missing library, which no real builtin produces on demand.
    BuiltinRegistry faulty =
        BuiltinRegistry.builder()
            .add(
                "faulty",
                1,
                (ctx, a) -> {
                  throw new IllegalStateException("broken invariant");
                })
            .add(
                "unlinked",
                1,
                (ctx, a) -> {
                  throw new NoClassDefFoundError("com/example/Missing");
                })
            .build();
    String m = "package t\nok := true\np if {\n  ok\n  faulty(1)\n}\n";
    for (boolean strict : new boolean[] {false, true}) {
      CompiledPolicy policy =
          Rego.builder().builtins(faulty).module("m.rego", m).strictBuiltinErrors(strict).compile();
      assertThatThrownBy(() -> policy.evaluate("data.t.p", null))
          .isInstanceOfSatisfying(
              RegoException.class,
              e -> {
                assertThat(e.code()).isEqualTo("eval_internal_error");
                assertThat(e.getMessage())
                    .isEqualTo(
                        "m.rego:5: eval_internal_error: IllegalStateException: broken invariant");
              });
      // A library missing from a deployment fails the same way instead of escaping as an Error.
      CompiledPolicy unlinked =
          Rego.builder()
              .builtins(faulty)
              .module("u.rego", "package u\nq if unlinked(1)\n")
              .strictBuiltinErrors(strict)
              .compile();
      assertThatThrownBy(() -> unlinked.evaluate("data.u.q", null))
          .isInstanceOf(RegoException.class)
          .hasMessage("u.rego:2: eval_internal_error: NoClassDefFoundError: com/example/Missing");
    }
  }

  @Test
  void queriesBindNamedVariablesInOrder() {
    CompiledPolicy p = TestBuiltins.compile("package t\nxs := [10, 20]\n");
    QueryResult r = p.query("some i; x := data.t.xs[i]; y := x + 1", null);
    assertThat(r.bindings())
        .containsExactly(
            Map.of("i", json("0"), "x", json("10"), "y", json("11")),
            Map.of("i", json("1"), "x", json("20"), "y", json("21")));
    assertThat(p.query("data.t.xs[_] > 100", null).bindings()).isEmpty();
    assertThat(p.query("data.t.xs[_] > 15", null).bindings()).containsExactly(Map.of());
  }

  @Test
  void fixedClockAndArbitraryPrecision() {
    CompiledPolicy p =
        TestBuiltins.compile(
            "package t\nnow := time.now_ns()\nbig := 123456789012345678901234567890 + 1\n");
    assertThat(p.evaluate("data.t.now", null, new EvalOptions(42L, null, null)))
        .contains(json("42"));
    assertThat(p.evaluate("data.t.big", null)).contains(json("123456789012345678901234567891"));
  }

  @Test
  void parseValueAcceptsSetsAndRejectsNonConstants() {
    assertThat(Rego.parseValue("[1, {2}]").toJson()).isEqualTo("[1,[2]]");
    assertThat(Rego.parseValue("set()")).isEqualTo(dev.regard.rego.value.SetValue.EMPTY);
    assertThatThrownBy(() -> Rego.parseValue("[x]")).isInstanceOf(RegoException.class);
  }
}
