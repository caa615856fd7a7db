package dev.regard.kafka.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashPasswordTest {
  @Test
  void printsAnEntryThatVerifiesThePasswordAndDoesNotContainIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        withStdin(
            "correct horse\n",
            () ->
                HashPassword.run(
                    new String[] {"--iterations", "10000", "--scram-iterations", "4096", "alice"},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertThat(status).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).doesNotContain("correct horse");
    ObjectValue doc = (ObjectValue) Json.parse(printed);
    UserCredentials parsed = CredentialParser.parse("alice", doc.get("alice"), "alice");
    assertThat(parsed.plain().orElseThrow().matches("correct horse".toCharArray())).isTrue();
    assertThat(parsed.plain().orElseThrow().iterations()).isEqualTo(10_000);
    assertThat(parsed.scram()).hasSize(2);
  }

  @Test
  void refusesTooFewIterationsAndMissingUser() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(HashPassword.run(new String[] {"--iterations", "1000", "alice"}, out, errStream))
        .isEqualTo(2);
    assertThat(HashPassword.run(new String[] {}, out, errStream)).isEqualTo(2);
    assertThat(HashPassword.run(new String[] {"--iterations"}, out, errStream)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: HashPassword");
  }

  private interface Body {
    int run() throws Exception;
  }

  private static int withStdin(String text, Body body) throws Exception {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return body.run();
    } finally {
      System.setIn(saved);
    }
  }
}
