package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;

class StringsBuiltinsTest {

  static Value call(String name, Value... args) {
    Builtin builtin = StandardBuiltins.registry().find(name).orElseThrow();
    assertThat(builtin.arity()).isEqualTo(args.length);
    return builtin.function().call(new FixedClockContext(), args);
  }

  static StringValue s(String v) {
    return StringValue.of(v);
  }

  static NumberValue n(String v) {
    return NumberValue.parse(v);
  }

  @Test
  void concatJoinsArraysAndSets() {
    assertThat(call("concat", s(", "), Json.parse("[\"a\",\"b\"]"))).isEqualTo(s("a, b"));
    assertThat(call("concat", s("-"), SetValue.of(s("b"), s("a")))).isEqualTo(s("a-b"));
    assertThat(call("concat", s("-"), ArrayValue.EMPTY)).isEqualTo(s(""));
    assertThatThrownBy(() -> call("concat", s(","), Json.parse("[\"a\", 1]")))
        .hasMessage("operand 2 must be array of strings but got array containing number");
    assertThatThrownBy(() -> call("concat", s(","), s("a")))
        .hasMessage("operand 2 must be one of {set, array} but got string");
  }

  @Test
  void containsStartsEnds() {
    assertThat(call("contains", s("abc"), s("b"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("startswith", s("abc"), s("ab"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("endswith", s("abc"), s("ab"))).isEqualTo(BooleanValue.FALSE);
    assertThatThrownBy(() -> call("contains", n("1"), s("b")))
        .hasMessage("operand 1 must be string but got number");
  }

  @Test
  void formatIntSupportsFourBasesAndTruncates() {
    assertThat(call("format_int", n("255"), n("16"))).isEqualTo(s("ff"));
    assertThat(call("format_int", n("-8"), n("2"))).isEqualTo(s("-1000"));
    assertThat(call("format_int", n("8.9"), n("8"))).isEqualTo(s("10"));
    assertThat(call("format_int", n("-3.7"), n("10"))).isEqualTo(s("-3"));
    assertThatThrownBy(() -> call("format_int", n("1"), n("3")))
        .hasMessage("operand 2 must be one of {2, 8, 10, 16}");
  }

  @Test
  void indexOfCountsCodePoints() {
    assertThat(call("indexof", s("abcb"), s("b"))).isEqualTo(n("1"));
    assertThat(call("indexof", s("\u00e9\uD83D\uDE00x"), s("x"))).isEqualTo(n("2"));
    assertThat(call("indexof", s("abc"), s("z"))).isEqualTo(n("-1"));
    assertThat(call("indexof_n", s("abab"), s("ab"))).isEqualTo(Json.parse("[0,2]"));
    assertThat(call("indexof_n", s("aaa"), s("aa"))).isEqualTo(Json.parse("[0,1]"));
    assertThat(call("indexof_n", s("abc"), s("z"))).isEqualTo(ArrayValue.EMPTY);
    assertThatThrownBy(() -> call("indexof", s("abc"), s(""))).hasMessage("empty search character");
  }

  @Test
  void caseMapping() {
    assertThat(call("lower", s("AbÇ"))).isEqualTo(s("abç"));
    assertThat(call("upper", s("abç"))).isEqualTo(s("ABÇ"));
  }

  @Test
  void replaceAndReplaceN() {
    assertThat(call("replace", s("aaa"), s("a"), s("bb"))).isEqualTo(s("bbbbbb"));
    assertThat(call("replace", s("abc"), s(""), s("-"))).isEqualTo(s("-a-b-c-"));
    assertThat(call("strings.replace_n", Json.parse("{\"a\":\"b\",\"b\":\"c\"}"), s("ab")))
        .isEqualTo(s("bc"));
    assertThat(call("strings.replace_n", Json.parse("{\"\":\"X\",\"a\":\"Y\"}"), s("ab")))
        .isEqualTo(s("XYXbX"));
    assertThat(call("strings.replace_n", Json.parse("{\"\":\"-\",\"é\":\"e\"}"), s("aéb")))
        .isEqualTo(s("-a-e-b-"));
    assertThatThrownBy(() -> call("strings.replace_n", Json.parse("{\"a\":1}"), s("ab")))
        .hasMessage("operand 1 non-string value found in pattern object");
    assertThatThrownBy(() -> call("strings.replace_n", Json.parse("{}"), n("1")))
        .hasMessage("operand 2 must be string but got number");
  }

  @Test
  void splitAndSplitN() {
    assertThat(call("split", s("a.b.c"), s("."))).isEqualTo(Json.parse("[\"a\",\"b\",\"c\"]"));
    assertThat(call("split", s("abc"), s(","))).isEqualTo(Json.parse("[\"abc\"]"));
    assertThat(call("split", s(""), s(","))).isEqualTo(Json.parse("[\"\"]"));
    assertThat(call("split", s("ab"), s(""))).isEqualTo(Json.parse("[\"a\",\"b\"]"));
    assertThat(call("strings.split_n", s("a.b.c.d"), s("."), n("2")))
        .isEqualTo(Json.parse("[\"a\",\"b\"]"));
    assertThat(call("strings.split_n", s("a.b.c.d"), s("."), n("-2")))
        .isEqualTo(Json.parse("[\"c\",\"d\"]"));
    assertThat(call("strings.split_n", s("a.b.c.d"), s("."), n("10")))
        .isEqualTo(Json.parse("[\"a\",\"b\",\"c\",\"d\"]"));
    assertThat(call("strings.split_n", s("a.b"), s("."), n("0"))).isEqualTo(ArrayValue.EMPTY);
    assertThat(call("strings.split_n", s(""), s("."), n("2"))).isEqualTo(Json.parse("[\"\"]"));
    assertThat(call("strings.split_n", s("abc"), s(""), n("-2")))
        .isEqualTo(Json.parse("[\"b\",\"c\"]"));
    BuiltinException e =
        catchThrowableOfType(
            () -> call("strings.split_n", s("a"), s("."), n("1.5")), BuiltinException.class);
    assertThat(e.kind()).isEqualTo(BuiltinException.Kind.TYPE);
    assertThat(e).hasMessage("operand 3 must be integer number but got floating-point number");
  }

  @Test
  void substringCountsCodePoints() {
    assertThat(call("substring", s("abcdef"), n("2"), n("3"))).isEqualTo(s("cde"));
    assertThat(call("substring", s("abcdef"), n("2"), n("-1"))).isEqualTo(s("cdef"));
    assertThat(call("substring", s("abc"), n("5"), n("1"))).isEqualTo(s(""));
    assertThat(call("substring", s("\u00e9\uD83D\uDE00xy"), n("1"), n("2")))
        .isEqualTo(s("\uD83D\uDE00x"));
    assertThatThrownBy(() -> call("substring", s("abc"), n("-1"), n("1")))
        .hasMessage("negative offset");
    assertThatThrownBy(() -> call("substring", s("abc"), n("1.5"), n("1")))
        .hasMessage("operand 2 must be integer number but got floating-point number");
    assertThat(call("substring", s("abc"), n("1"), n("9223372036854775807"))).isEqualTo(s("bc"));
    assertThatThrownBy(() -> call("substring", s("abc"), n("1"), n("1e400")))
        .hasMessage("operand 3 must be integer number but got floating-point number");
  }

  @Test
  void trimFamily() {
    assertThat(call("trim", s("xxhixyx"), s("xy"))).isEqualTo(s("hi"));
    assertThat(call("trim_left", s("xxhix"), s("x"))).isEqualTo(s("hix"));
    assertThat(call("trim_right", s("xxhix"), s("x"))).isEqualTo(s("xxhi"));
    assertThat(call("trim_prefix", s("prefix-x"), s("prefix-"))).isEqualTo(s("x"));
    assertThat(call("trim_prefix", s("x"), s("y"))).isEqualTo(s("x"));
    assertThat(call("trim_suffix", s("x.txt"), s(".txt"))).isEqualTo(s("x"));
    assertThat(call("trim_space", s(" \t\n hi \u00a0\u2003"))).isEqualTo(s("hi"));
  }

  @Test
  void reverseCountAndAffixMatches() {
    assertThat(call("strings.reverse", s("ab\uD83D\uDE00"))).isEqualTo(s("\uD83D\uDE00ba"));
    assertThat(call("strings.count", s("cheese"), s("e"))).isEqualTo(n("3"));
    assertThat(call("strings.count", s("five"), s(""))).isEqualTo(n("5"));
    assertThat(call("strings.any_prefix_match", Json.parse("[\"a/b\",\"c\"]"), s("c")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("strings.any_prefix_match", s("abc"), SetValue.of(s("x"), s("ab"))))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("strings.any_suffix_match", s("abc"), Json.parse("[\"b\"]")))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("strings.any_suffix_match", ArrayValue.EMPTY, s("")))
        .isEqualTo(BooleanValue.FALSE);
    assertThatThrownBy(() -> call("strings.any_suffix_match", n("1"), s("a")))
        .hasMessage("operand 1 must be one of {string, set, array} but got number");
    assertThatThrownBy(() -> call("strings.any_prefix_match", s("a"), Json.parse("[1]")))
        .hasMessage("operand 2 must be array of strings but got array containing number");
  }

  @Test
  void renderTemplate() {
    assertThat(
            call(
                "strings.render_template",
                s("{{.test}}"),
                Json.parse("{\"test\":\"hello world\"}")))
        .isEqualTo(s("hello world"));
    assertThat(call("strings.render_template", s("{{.n}}"), Json.parse("{\"n\":2023}")))
        .isEqualTo(s("2023"));
    assertThat(
            call(
                "strings.render_template",
                s("{{range $i, $name := .names}}{{if $i}},{{end}}hello {{$name}}{{end}}"),
                Json.parse("{\"names\":[\"rohan\",\"john doe\"]}")))
        .isEqualTo(s("hello rohan,hello john doe"));
    assertThat(
            call(
                "strings.render_template",
                s("test {{.foo}} {{.bar}} {{.baz}}"),
                Json.parse("{\"baz\":1}")))
        .isEqualTo(s("test <undefined> <undefined> 1"));
    assertThat(
            call(
                "strings.render_template",
                s("{{if .a}}yes{{else if .b}}b{{else}}no{{end}} {{- \" \" -}} {{.x.y}}"),
                Json.parse("{\"a\":false,\"b\":true,\"x\":{\"y\":[1,\"z\"]}}")))
        .isEqualTo(s("b [1 z]"));
    assertThat(
            call(
                "strings.render_template",
                s("{{range .xs}}[{{.}}]{{else}}none{{end}}"),
                Json.parse("{\"xs\":[]}")))
        .isEqualTo(s("none"));
    // Numbers reach the template as JSON numbers: printed as written, and true even when zero.
    assertThat(
            call(
                "strings.render_template",
                s(
                    "{{.f}} {{if .z}}zero is set{{end}}{{range $i, $x := .xs}}{{if $i}}+{{end}}{{$x}}{{end}}"),
                Json.parse("{\"f\":1.5,\"z\":0,\"xs\":[10,20]}")))
        .isEqualTo(s("1.5 zero is set10+20"));
    assertThatThrownBy(() -> call("strings.render_template", s("{{if .a}}"), Json.parse("{}")))
        .isInstanceOf(BuiltinException.class)
        .hasMessageContaining("unexpected EOF");
    assertThatThrownBy(() -> call("strings.render_template", s("x"), s("y")))
        .hasMessage("operand 2 must be object but got string");
  }
}
