package dev.regard.rego.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.Rego;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.types.Schemas;
import dev.regard.rego.value.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OPA's type checker: each class of error, inference through rules, and schema-typed input. */
class TypeCheckerTest {
  private static final String RESOURCE_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "principal": {"type": "string"},
         "resource": {"type": "object",
                      "properties": {"name": {"type": "string"}, "type": {"type": "string"}},
                      "required": ["name", "type"]},
         "tags": {"type": "array", "items": {"type": "string"}}
       }}
      """;

  private static List<RegoError> errors(Schemas schemas, String module) {
    try {
      Rego.builder().module("p.rego", module).schemas(schemas).compile();
    } catch (RegoException e) {
      return e.errors();
    }
    return List.of();
  }

  private static List<RegoError> errors(String module) {
    return errors(Schemas.NONE, module);
  }

  private static RegoError only(String module) {
    List<RegoError> es = errors(module);
    assertThat(es).hasSize(1);
    return es.get(0);
  }

  // OPA checks a nested call after moving it into its own statement with a fresh output variable
  // (x := abs(-9, 10) becomes abs(-9, 10, out)); its have: line lists every operand's type, an
  // unbound one as ???, and want: lists the declared arguments then the result, each named as the
  // builtin's declaration names it (v1/ast/check.go, checkExprBuiltin and ArgErrDetail.Lines).
  private static final String COUNT_WANT =
      "want: (collection: any<string, array[any], object[any: any], set[any]>, n: number)";

  @Test
  void anExtraArgumentToANestedCallIsTooManyArguments() {
    RegoError e = only("package t\n\np if {\n  x := abs(-9, 10)\n  x > 0\n}\n");
    assertThat(e.code()).isEqualTo("rego_type_error");
    assertThat(e.message())
        .isEqualTo(
            "abs: too many arguments\n\thave: (number, number, ???)\n\twant: (x: number, y: number)");
    assertThat(e.location().line()).isEqualTo(4);
  }

  @Test
  void anExtraArgumentToAStatementCallIsTooManyArguments() {
    RegoError e = only("package t\n\np if {\n  count(1, 2, 3)\n}\n");
    assertThat(e.code()).isEqualTo("rego_type_error");
    assertThat(e.message())
        .isEqualTo("count: too many arguments\n\thave: (number, number, number)\n\t" + COUNT_WANT);
    assertThat(e.location().line()).isEqualTo(4);
  }

  @Test
  void aMissingArgumentIsTooFewArguments() {
    RegoError e = only("package t\n\np if {\n  x := concat(\",\")\n  x != \"\"\n}\n");
    assertThat(e.message())
        .isEqualTo(
            "concat: too few arguments\n\thave: (string, ???)\n\twant: (delimiter: string,"
                + " collection: any<array[string], set[string]>, output: string)");
  }

  @Test
  void queriesAreTypeChecked() throws RegoException {
    var policy = Rego.builder().module("p.rego", "package t\n\nq := 1\n").compile();
    assertThat(policy.query("x := data.t.q + 1", null).bindings()).hasSize(1);
    RegoException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RegoException.class, () -> policy.query("count(1, 2, 3)", null));
    assertThat(e.errors().get(0).code()).isEqualTo("rego_type_error");
    assertThat(e.errors().get(0).message()).startsWith("count: too many arguments");
    RegoException upper =
        org.junit.jupiter.api.Assertions.assertThrows(
            RegoException.class, () -> policy.query("y := upper(data.t.q)", null));
    assertThat(upper.errors().get(0).message())
        .isEqualTo(
            "upper: invalid argument(s)\n\thave: (number, ???)\n\twant: (x: string, y: string)");
  }

  @Test
  void anOutputArgumentInAStatementIsAllowed() {
    assertThat(errors("package t\n\np if {\n  abs(-9, x)\n  x == 9\n}\n")).isEmpty();
  }

  @Test
  void aWrongTypedConstantArgumentIsInvalid() {
    RegoError e = only("package t\n\np if count(true) > 0\n");
    assertThat(e.code()).isEqualTo("rego_type_error");
    assertThat(e.message())
        .isEqualTo("count: invalid argument(s)\n\thave: (boolean, ???)\n\t" + COUNT_WANT);
    RegoError statement = only("package t\n\np if {\n  count(true)\n}\n");
    assertThat(statement.message())
        .isEqualTo("count: invalid argument(s)\n\thave: (boolean)\n\t" + COUNT_WANT);
  }

  @Test
  void argumentTypesFlowThroughVariables() {
    RegoError e = only("package t\n\np if {\n  x := 1\n  startswith(x, \"a\")\n}\n");
    assertThat(e.message())
        .isEqualTo(
            "startswith: invalid argument(s)\n\thave: (number, string)\n\twant: (search: string,"
                + " base: string, result: boolean)");
    assertThat(e.location().line()).isEqualTo(5);
  }

  @Test
  void arraysOfDifferentLengthsDoNotUnify() {
    RegoError e = only("package t\n\np if {\n  [x, y] = [1, 2, 3]\n}\n");
    assertThat(e.code()).isEqualTo("rego_type_error");
    // OPA types [x, y] part by part before unifying (TypeEnv.GetByValue), so the unbound
    // elements print as ??? (UnificationErrDetail.Lines)
    assertThat(e.message())
        .isEqualTo(
            "match error\n\tleft  : array<???, ???>\n\tright : array<number, number, number>");
  }

  @Test
  void aScalarCannotEqualAnObject() {
    assertThat(only("package t\n\np if {\n  x := {\"a\": 1}\n  x == 2\n  x = 3\n}\n").message())
        .startsWith("match error");
  }

  @Test
  void userFunctionArgumentsAreChecked() {
    String m = "package t\n\nf(x) := y if y := x + 1\n\np if f(\"a\") > 1\n";
    RegoError e = only(m);
    // a user function's type is inferred and unnamed: want: lists its argument and result types
    assertThat(e.message())
        .isEqualTo(
            "data.t.f: invalid argument(s)\n\thave: (string, ???)\n\twant: (number, number)");
    assertThat(e.location().line()).isEqualTo(5);
  }

  @Test
  void ruleTypesAreInferredForRulesThatUseThem() {
    String m =
        """
        package t

        names contains n if some n in ["a", "b"]
        limit := 10
        ok if limit + 1 > 2
        bad if upper(limit) == "X"
        """;
    RegoError e = only(m);
    assertThat(e.message()).startsWith("upper: invalid argument(s)");
    assertThat(e.location().line()).isEqualTo(6);
  }

  @Test
  void referencesIntoAScalarAreUndefined() {
    RegoError e = only("package t\n\nlimit := 10\n\np if data.t.limit.max > 1\n");
    assertThat(e.message()).startsWith("undefined ref: data.t.limit.max");
    assertThat(e.message()).contains("have: number");
  }

  @Test
  void comprehensionsHaveCollectionTypes() {
    String m = "package t\n\nxs := [x | some x in [1, 2]]\n\np if lower(xs) == \"\"\n";
    assertThat(only(m).message()).startsWith("lower: invalid argument(s)");
    assertThat(errors("package t\n\nn := count({x | some x in [1, 2]})\n")).isEmpty();
  }

  @Test
  void numericAssigneesAreCompileErrors() {
    assertThat(errors("package t\n\np if {\n  1 := v\n}\n"))
        .anySatisfy(
            e -> {
              assertThat(e.code()).isEqualTo("rego_compile_error");
              assertThat(e.message()).isEqualTo("cannot assign to number");
            });
  }

  @Test
  void redeclaringAFunctionArgumentIsACompileError() {
    RegoError e = only("package t\n\nf(x) := y if {\n  x := 1\n  y := x\n}\n");
    assertThat(e.code()).isEqualTo("rego_compile_error");
    assertThat(e.message()).isEqualTo("arg x redeclared");
  }

  @Test
  void aMisspeltInputFieldIsAnErrorUnderItsSchema() {
    String m =
        """
        package t

        # METADATA
        # schemas:
        #   - input: schema.request
        allow if input.resource.nmae == "x"
        """;
    List<RegoError> es = errors(Schemas.of(Map.of("request", RESOURCE_SCHEMA)), m);
    assertThat(es).hasSize(1);
    RegoError e = es.get(0);
    assertThat(e.code()).isEqualTo("rego_type_error");
    assertThat(e.location().line()).isEqualTo(6);
    assertThat(e.message())
        .startsWith("undefined ref: input.resource.nmae")
        .contains("have: \"nmae\"", "want (one of): [\"name\" \"type\"]");
  }

  @Test
  void theSameFieldSpeltRightPasses() {
    String m =
        """
        package t

        # METADATA
        # schemas:
        #   - input: schema.request
        allow if {
          input.resource.name == "x"
          some tag in input.tags
          startswith(tag, "t")
        }
        """;
    assertThat(errors(Schemas.of(Map.of("request", RESOURCE_SCHEMA)), m)).isEmpty();
  }

  @Test
  void schemaTypesReachBuiltinArguments() {
    String m =
        """
        # METADATA
        # schemas:
        #   - input: schema.request
        package t

        n := count(input.principal)
        bad if abs(input.resource.name) > 1
        """;
    List<RegoError> es = errors(Schemas.of(Map.of("request", RESOURCE_SCHEMA)), m);
    assertThat(es).extracting(RegoError::message).singleElement().asString().startsWith("abs:");
  }

  @Test
  void inlineSchemasTypeAPathBelowInput() {
    String m =
        """
        package t

        # METADATA
        # schemas:
        #   - input.user: {"type": "object", "properties": {"id": {"type": "string"}}}
        p if input.user.name == "x"

        q if input.user.name == "x"
        """;
    List<RegoError> es = errors(m);
    assertThat(es).hasSize(1);
    assertThat(es.get(0).location().line()).isEqualTo(6);
  }

  @Test
  void anUnknownSchemaIsAnErrorWhenSchemasAreGiven() {
    String m = "package t\n\n# METADATA\n# schemas:\n#   - input: schema.nope\np if input.x\n";
    assertThat(errors(Schemas.of(Map.of("request", RESOURCE_SCHEMA)), m))
        .extracting(RegoError::message)
        .containsExactly("undefined schema: schema.nope");
    assertThat(errors(m)).as("without schemas, annotations are not checked").isEmpty();
  }

  @Test
  void schemaCombinatorsAreUnions() {
    String schema =
        """
        {"$defs": {"topic": {"type": "object", "properties": {"name": {"type": "string"}}}},
         "type": "object",
         "properties": {
           "r": {"anyOf": [{"$ref": "#/$defs/topic"},
                           {"type": "object", "properties": {"id": {"type": "number"}}}]},
           "kind": {"enum": ["a", "b"]}
         }}
        """;
    String m =
        """
        package t

        # METADATA
        # schemas:
        #   - input: schema.s
        p if {
          input.r.name == "x"
          input.r.id == 1
          input.kind == "a"
        }

        # METADATA
        # schemas:
        #   - input: schema.s
        q if input.r.other == 1
        """;
    assertThat(errors(Schemas.of(Map.of("s", schema)), m))
        .extracting(e -> e.location().line())
        .containsExactly(15);
  }

  @Test
  void evaluationIsUnchangedByTypes() {
    var policy =
        Rego.builder()
            .module(
                "p.rego",
                """
                package t

                # METADATA
                # schemas:
                #   - input: schema.request
                allow if input.resource.name == "x"
                """)
            .schemas(Schemas.of(Map.of("request", RESOURCE_SCHEMA)))
            .compile();
    assertThat(policy.evaluate("data.t.allow", Json.parse("{\"resource\": {\"name\": \"x\"}}")))
        .isPresent();
  }
}
