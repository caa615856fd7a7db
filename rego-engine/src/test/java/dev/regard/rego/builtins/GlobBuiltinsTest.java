package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobBuiltinsTest {
  private static boolean match(String glob, Value delimiters, String text) {
    return ((BooleanValue)
            call("glob.match", StringValue.of(glob), delimiters, StringValue.of(text)))
        .value();
  }

  /** Delimiters column: "null", "[]" or a JSON array of strings. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "?at|[\"f\"]|fat|false",
        "?at|[\"x\"]|fat|true",
        "{cat,bat,[fr]at}|[]|fat|true",
        "{cat,bat,[fr]at}|[]|at|false",
        "[!abc]at|[]|cat|false",
        "[!abc]at|[]|fat|true",
        "[a-c]at|[]|bat|true",
        "[!a-c]at|[]|bat|false",
        "*:github:com|[\":\"]|api:github:com|true",
        "*.github.com|[\".\"]|api.not-github.com|false",
        "*|[]|foo.bar|false",
        "*|null|foo.bar|true",
        "foo*|null|foo.bar|true",
        "?|null|''|false",
        "[!0-9]|null|''|false",
        "a/*/b|null|a/b|false",
        "a/*/b|null|a/x/b|true",
        "a/**/b|null|a//b|true",
        "**/x|null|x|false",
        "{**/,}x|null|x|true",
        "***|[\".\"]|''|true",
        "*?*|[\".\", \"/\"]|api.github.com|false",
        "*?*|[\".\", \"/\"]|abc|true",
        "*|[\".\", \"/\"]|a/b|false",
        "\\*|null|*|true",
        "\\*|null|a|false",
        "**.example.com|[]|a.b.example.com|true",
        "a(b)+|null|a(b)+|true",
        "[\\]x]|null|]|true",
        "[\\]x]|null|x|true",
        "[z-a]|null|b|false",
        "[!z-a]|null|b|true",
        "[]a|null|a|false",
        "[!]|null|b|true",
      })
  void matchesLikeGobwasGlob(String glob, String delimiters, String text, boolean expected) {
    Value d = delimiters.equals("null") ? NullValue.INSTANCE : Json.parse(delimiters);
    assertThat(match(glob, d, text)).isEqualTo(expected);
  }

  @Test
  void operandAndSyntaxErrors() {
    assertThatThrownBy(() -> match("*", NumberValue.of(1), "x"))
        .hasMessage("operand 2 must be one of {array, null} but got number");
    assertThatThrownBy(() -> match("*", Json.parse("[1]"), "x"))
        .hasMessage("operand 2 must be array of strings but got array containing number");
    assertThatThrownBy(() -> match("*", Json.parse("[\"ab\"]"), "x"))
        .hasMessage("operand 2 must be array of runes but got array containing string");
    assertThatThrownBy(() -> match("[abc", ArrayValue.EMPTY, "x"))
        .isInstanceOf(BuiltinException.class)
        .hasMessageContaining("[abc");
    assertThatThrownBy(() -> match("[a-cx]", ArrayValue.EMPTY, "x"))
        .hasMessage("expected close range character in glob \"[a-cx]\"");
    assertThatThrownBy(() -> match("{a,b", ArrayValue.EMPTY, "x"))
        .isInstanceOf(BuiltinException.class);
  }

  @Test
  void quoteMetaEscapesEveryMetacharacter() {
    assertThat(call("glob.quote_meta", StringValue.of("*.github.com")))
        .isEqualTo(StringValue.of("\\*.github.com"));
    String quoted = ((StringValue) call("glob.quote_meta", StringValue.of("{a,b}[c]?\\*"))).value();
    assertThat(quoted).isEqualTo("\\{a,b\\}\\[c\\]\\?\\\\\\*");
    assertThat(match(quoted, NullValue.INSTANCE, "{a,b}[c]?\\*")).isTrue();
  }
}
