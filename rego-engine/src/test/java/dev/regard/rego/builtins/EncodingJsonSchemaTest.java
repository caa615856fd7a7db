package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static dev.regard.rego.builtins.BuiltinCalls.j;
import static dev.regard.rego.builtins.BuiltinCalls.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import org.junit.jupiter.api.Test;

class EncodingJsonSchemaTest {

  private static final String SCHEMA =
      """
      {"type": "object", "required": ["name"], "additionalProperties": false,
       "properties": {"name": {"type": "string", "minLength": 2},
                      "tags": {"type": "array", "items": {"enum": ["a", "b"]}},
                      "n": {"type": ["integer", "null"], "maximum": 10}}}
      """;

  @Test
  void matchingDocumentsHaveNoErrors() {
    assertThat(call("json.match_schema", j("{\"name\": \"ok\", \"n\": 3}"), j(SCHEMA)))
        .isEqualTo(j("[true, []]"));
    // Either side may be JSON text.
    assertThat(call("json.match_schema", s("{\"name\": \"ok\"}"), s(SCHEMA)))
        .isEqualTo(j("[true, []]"));
  }

  @Test
  void errorsNameFieldTypeAndDescriptionAsOpaDoes() {
    ArrayValue result =
        (ArrayValue)
            call(
                "json.match_schema",
                j("{\"tags\": [\"a\", \"z\"], \"n\": 11, \"x\": 1}"),
                j(SCHEMA));
    assertThat(result.get(0)).isEqualTo(BooleanValue.FALSE);
    // OPA does not promise an order of the errors.
    assertThat(((ArrayValue) result.get(1)).elements())
        .containsExactlyInAnyOrderElementsOf(
            ((ArrayValue)
                    j(
                        """
                [
                  {"error": "(root): Additional property x is not allowed", "type": "additional_property_not_allowed",
                   "field": "(root)", "desc": "Additional property x is not allowed"},
                  {"error": "(root): name is required", "type": "required", "field": "(root)",
                   "desc": "name is required"},
                  {"error": "n: Must be less than or equal to 10", "type": "number_lte", "field": "n",
                   "desc": "Must be less than or equal to 10"},
                  {"error": "tags.1: tags.1 must be one of the following: \\"a\\", \\"b\\"", "type": "enum",
                   "field": "tags.1", "desc": "tags.1 must be one of the following: \\"a\\", \\"b\\""}
                ]
                """))
                .elements());
    assertThat(call("json.match_schema", j("{\"name\": 5}"), j(SCHEMA)))
        .isEqualTo(
            j(
                """
                [false, [{"error": "name: Invalid type. Expected: string, given: integer",
                  "type": "invalid_type", "field": "name",
                  "desc": "Invalid type. Expected: string, given: integer"}]]
                """));
  }

  @Test
  void invalidSchemasAreReported() {
    assertThat(call("json.verify_schema", j(SCHEMA))).isEqualTo(j("[true, null]"));
    assertThat(call("json.verify_schema", j("{\"type\": \"unknown\"}")))
        .isEqualTo(
            j(
                "[false, \"jsonschema: has a primitive type that is NOT VALID -- given: /unknown/"
                    + " Expected valid values are:[array boolean integer number null object"
                    + " string]\"]"));
    assertThat(call("json.verify_schema", j("{\"minLength\": \"two\"}")).toString())
        .startsWith("[false,\"jsonschema: ");
    assertThat(call("json.verify_schema", s("{not json")))
        .isEqualTo(j("[false, \"jsonschema: invalid JSON string\"]"));
    assertThatThrownBy(
            () -> call("json.match_schema", j("{}"), j("{\"properties\": {\"a\": {\"type\": 1}}}")))
        .isInstanceOf(BuiltinException.class)
        .hasMessageContaining("NOT VALID");
  }

  @Test
  void patternsRunInLinearTime() {
    // Catastrophic backtracking for a backtracking engine; re2j answers at once.
    String schema = "{\"pattern\": \"^(a+)+$\"}";
    assertThat(call("json.match_schema", s("\"" + "a".repeat(40) + "!\""), s(schema)).toString())
        .startsWith("[false,");
  }

  @Test
  void remoteReferencesAreNeverFetched() {
    // A loopback address nothing listens on: the reference must fail without a connection.
    assertThatThrownBy(
            () ->
                call(
                    "json.match_schema",
                    j("{}"),
                    j("{\"$ref\": \"http://127.0.0.1:9/schema.json\"}")))
        .isInstanceOf(BuiltinException.class);
  }
}
