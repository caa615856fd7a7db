package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

class RegexBuiltinsTest {

  private static Value call(String name, Value... args) {
    Builtin builtin = StandardBuiltins.registry().find(name).orElseThrow();
    assertThat(builtin.arity()).isEqualTo(args.length);
    return builtin.function().call(new FixedClockContext(), args);
  }

  private static StringValue s(String v) {
    return StringValue.of(v);
  }

  private static NumberValue n(long v) {
    return NumberValue.of(v);
  }

  @Test
  void matchAndValidity() {
    assertThat(call("regex.match", s("^[a-z]+\\[[0-9]+\\]$"), s("foo[1]")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("regex.match", s(""), s("x"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("regex.match", s("^$"), s("something"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("regex.is_valid", s("a+"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("regex.is_valid", s("$^[[["))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("regex.is_valid", n(1))).isEqualTo(BooleanValue.FALSE);
    assertThatThrownBy(() -> call("regex.match", s("("), s("x")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("error parsing regexp: missing closing ): `(`");
  }

  @Test
  void patternsWithCatastrophicBacktrackingRunInLinearTime() {
    String input = "a".repeat(5000) + "!";
    assertThat(call("regex.match", s("^(a+)+$"), s(input))).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void splitFollowsGo() {
    assertThat(call("regex.split", s("a"), s("banana")))
        .isEqualTo(Json.parse("[\"b\",\"n\",\"n\",\"\"]"));
    assertThat(call("regex.split", s("^[a-z]+\\[[0-9]+\\]$"), s("")))
        .isEqualTo(Json.parse("[\"\"]"));
    assertThat(call("regex.split", s("^[a-z]+"), s("foobar baz")))
        .isEqualTo(Json.parse("[\"\",\" baz\"]"));
    assertThat(call("regex.split", s("[a-z]+$"), s("foobar baz")))
        .isEqualTo(Json.parse("[\"foobar \",\"\"]"));
    assertThat(call("regex.split", s("^[a-z ]+$"), s("foobar baz")))
        .isEqualTo(Json.parse("[\"\",\"\"]"));
  }

  @Test
  void findAndSubmatches() {
    assertThat(call("regex.find_n", s("a."), s("paranormal"), n(2)))
        .isEqualTo(Json.parse("[\"ar\",\"an\"]"));
    assertThat(call("regex.find_n", s("a."), s("paranormal"), n(-1)))
        .isEqualTo(Json.parse("[\"ar\",\"an\",\"al\"]"));
    assertThat(call("regex.find_n", s("a*"), s("baaac"), n(-1)))
        .isEqualTo(Json.parse("[\"\",\"aaa\",\"\"]"));
    assertThat(call("regex.find_all_string_submatch_n", s("a(x*)b"), s("-ab-axb-"), n(-1)))
        .isEqualTo(Json.parse("[[\"ab\",\"\"],[\"axb\",\"x\"]]"));
    assertThat(
            call(
                "regex.find_all_string_submatch_n",
                s("[^aouiye]([aouiye])([^aouiye])?"),
                s("somestri"),
                n(-1)))
        .isEqualTo(Json.parse("[[\"som\",\"o\",\"m\"],[\"ri\",\"i\",\"\"]]"));
    assertThatThrownBy(() -> call("regex.find_n", s("a"), s("a"), NumberValue.parse("1.5")))
        .hasMessage("operand 3 must be integer number but got floating-point number");
  }

  @Test
  void replaceExpandsGroupsAsGo() {
    assertThat(call("regex.replace", s("-ab-axxb-"), s("a(x*)b"), s("${1}W")))
        .isEqualTo(s("-W-xxW-"));
    assertThat(call("regex.replace", s("foo"), s("(foo)"), s("$1$1"))).isEqualTo(s("foofoo"));
    assertThat(call("regex.replace", s("-ab-axxb-"), s("a(x*)b"), s("$1W"))).isEqualTo(s("---"));
    assertThat(call("regex.replace", s("abc"), s("b"), s("$$"))).isEqualTo(s("a$c"));
    assertThat(call("regex.replace", s("abc"), s("(?P<l>b)"), s("<$l>"))).isEqualTo(s("a<b>c"));
    assertThatThrownBy(() -> call("regex.replace", s("x"), s("["), s("$1")))
        .hasMessageStartingWith("error parsing regexp: missing closing ]");
  }

  @Test
  void templateMatch() {
    assertThat(
            call("regex.template_match", s("urn:foo:{.*}"), s("urn:foo:bar:baz"), s("{"), s("}")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(
            call(
                "regex.template_match",
                s("urn:foo.bar:{[a-z]+}"),
                s("urn:fooxbar:abc"),
                s("{"),
                s("}")))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("regex.template_match", s("urn:<[0-9]{2}>:x"), s("urn:42:x"), s("<"), s(">")))
        .isEqualTo(BooleanValue.TRUE);
    assertThatThrownBy(() -> call("regex.template_match", s("a{"), s("a"), s("{{"), s("}")))
        .hasMessage("start delimiter has to be exactly one character long but is 2 long");
    assertThatThrownBy(() -> call("regex.template_match", s("a{b"), s("a"), s("{"), s("}")))
        .hasMessage("unbalanced braces in \"a{b\"");
  }

  @Test
  void globsMatchIntersectsPatterns() {
    assertThat(call("regex.globs_match", s("a.a.[0-9]+z"), s(".b.b2359825792*594823z")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("regex.globs_match", s("[a-z]+"), s("[0-9]*"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("regex.globs_match", s("[a-z]+\\[[0-9]+\\]"), s("foo\\[1\\]")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("regex.globs_match", s("[a-z]+\\[[0-9]+\\]"), s("foo[\"bar\"]")))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("regex.globs_match", s("[^a]*"), s("b+"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("regex.globs_match", s("a"), s("[^a]"))).isEqualTo(BooleanValue.FALSE);
    assertThatThrownBy(() -> call("regex.globs_match", s("[a"), s("a")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("input glob is invalid: \"[a\"");
  }
}
