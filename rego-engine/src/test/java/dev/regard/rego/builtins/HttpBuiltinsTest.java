package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

class HttpBuiltinsTest {
  @Test
  void aMalformedRequestFailsAsOpaReportsIt() {
    assertThatThrownBy(() -> call("http.send", Json.parse("{\"method\": \"get\"}")))
        .isInstanceOfSatisfying(
            BuiltinException.class, e -> assertThat(e.kind()).isEqualTo(BuiltinException.Kind.TYPE))
        .hasMessage("missing required request parameters(s): {\"url\"}");
  }

  @Test
  void aWellFormedRequestIsRefusedWithoutTouchingTheNetwork() {
    Value request = Json.parse("{\"method\": \"get\", \"url\": \"http://127.0.0.1:9/\"}");
    assertThatThrownBy(() -> call("http.send", request))
        .isInstanceOfSatisfying(
            BuiltinException.class,
            e -> assertThat(e.kind()).isEqualTo(BuiltinException.Kind.BUILTIN))
        .hasMessageContaining("network calls are not available");
  }

  @Test
  void theRuntimeDescribesNothing() {
    assertThat(call("opa.runtime")).isEqualTo(ObjectValue.EMPTY);
  }
}
