package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverBuiltinsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0",
        "1.2.3",
        "1.2.3-0",
        "1.2.3-0a",
        "1.2.3+01",
        "1.0.0-alpha.1+build.5",
        "10.20.30-rc.1.x-y",
        "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay"
      })
  void validVersions(String v) {
    assertThat(call("semver.is_valid", StringValue.of(v))).isEqualTo(BooleanValue.TRUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01.2.3",
        "1.02.3",
        "1.2.03",
        "1.2.3-01",
        "1.2.3-alpha.01",
        "1.2.3-",
        "1.2.3+",
        "1.2",
        "v1.2.3",
        "1.2.3.4",
        "",
        " 1.2.3",
        "1.2.3-a..b"
      })
  void invalidVersions(String v) {
    assertThat(call("semver.is_valid", StringValue.of(v))).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void nonStringsAreNotValid() {
    assertThat(call("semver.is_valid", NumberValue.of(1))).isEqualTo(BooleanValue.FALSE);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0.0, 2.0.0, -1",
    "2.0.0, 1.0.0, 1",
    "1.2.3, 1.2.3, 0",
    "1.2.3+01, 1.2.3+2, 0",
    "1.2.3-0, 1.2.3-1, -1",
    "1.0.0-alpha, 1.0.0, -1",
    "1.0.0-alpha, 1.0.0-alpha.1, -1",
    "1.0.0-alpha.1, 1.0.0-alpha.beta, -1",
    "1.0.0-beta.2, 1.0.0-beta.11, -1",
    "1.0.0-rc.1, 1.0.0-beta.11, 1",
    "1.10.0, 1.9.0, 1",
    "99999999999999999999.0.0, 1.0.0, 1"
  })
  void comparePrecedence(String a, String b, int expected) {
    assertThat(call("semver.compare", StringValue.of(a), StringValue.of(b)))
        .isEqualTo(NumberValue.of(expected));
  }

  @Test
  void compareRejectsInvalidVersions() {
    assertThatThrownBy(() -> call("semver.compare", StringValue.of("1"), StringValue.of("1.0.0")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("operand 1: string \"1\" is not a valid SemVer")
        .extracting(e -> ((BuiltinException) e).kind())
        .isEqualTo(BuiltinException.Kind.BUILTIN);
    assertThatThrownBy(
            () -> call("semver.compare", StringValue.of("1.2.3"), StringValue.of("1.2.3-01")))
        .hasMessage("operand 2: string \"1.2.3-01\" is not a valid SemVer");
  }

  @Test
  void compareChecksTypesFirst() {
    assertThatThrownBy(() -> call("semver.compare", StringValue.of("x"), NumberValue.of(1)))
        .hasMessage("operand 2 must be string but got number");
  }

  @Test
  void longIdentifiersAreJudgedInOnePass() {
    String digits = "1".repeat(100_000);
    assertThat(call("semver.is_valid", StringValue.of("1.2.3-" + digits + "!")))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("semver.is_valid", StringValue.of("1.2.3-" + digits + "a")))
        .isEqualTo(BooleanValue.TRUE);
  }
}
