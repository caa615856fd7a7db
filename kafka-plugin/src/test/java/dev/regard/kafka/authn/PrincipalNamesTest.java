package dev.regard.kafka.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalNamesTest {
  @Test
  void controlCharactersEmptyAndOverlongNamesAreRefusedWithAReason() {
    assertThat(PrincipalNames.problem("alice")).isEmpty();
    assertThat(PrincipalNames.problem("CN=app,O=Example")).isEmpty();
    assertThat(PrincipalNames.problem("a".repeat(PrincipalNames.MAX_CHARS))).isEmpty();
    assertThat(PrincipalNames.problem("alice\nINFO fake"))
        .hasValue("name holds control character U+000A");
    assertThat(PrincipalNames.problem("a\u2028b")).isPresent();
    assertThat(PrincipalNames.problem("a\u0000")).isPresent();
    assertThat(PrincipalNames.problem("")).hasValue("empty name");
    assertThat(PrincipalNames.problem("a".repeat(PrincipalNames.MAX_CHARS + 1)))
        .hasValue("name longer than 255 characters");
  }

  @Test
  void logLinesEscapeWhatTheClientSent() {
    String line =
        AuthnFailures.line("PLAIN", "alice\nINFO fake", "L", "", "malformed", "", "user \\u000a\r");
    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    assertThat(line).contains("user=alice\\u000aINFO fake", "reason=user \\\\u000a\\u000d");
  }

  @Test
  void plainWithoutTlsIsFoundInTheBrokerSettings() {
    String handler = PlainCallbackHandler.class.getName();
    Map<String, Object> configs =
        Map.of(
            "listener.security.protocol.map",
            "EXTERNAL:SASL_SSL,INSECURE:SASL_PLAINTEXT",
            "sasl.enabled.mechanisms",
            "PLAIN,SCRAM-SHA-512",
            "listener.name.external.plain.sasl.server.callback.handler.class",
            handler,
            "listener.name.insecure.plain.sasl.server.callback.handler.class",
            handler);
    assertThat(PlainCallbackHandler.cleartextListeners(configs)).containsExactly("insecure");
    Map<String, Object> scramOnly = new java.util.HashMap<>(configs);
    scramOnly.put("listener.name.insecure.sasl.enabled.mechanisms", "SCRAM-SHA-512");
    assertThat(PlainCallbackHandler.cleartextListeners(scramOnly)).isEmpty();
  }
}
