package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.Json;
import dev.regard.rego.value.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringsTemplateTest {
  private static final String VARS =
      "{\"name\":\"kafka\",\"n\":3,\"zero\":0,\"list\":[\"a\",\"b\",\"c\"],"
          + "\"obj\":{\"k\":\"v\",\"deep\":{\"x\":1}},\"empty\":\"\",\"flag\":true}";

  private static String render(String template) {
    return ((StringValue)
            StringsBuiltinsTest.call(
                "strings.render_template", StringValue.of(template), Json.parse(VARS)))
        .value();
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "{{.name}} => kafka",
        "{{.obj.deep.x}} => 1",
        "{{.obj}} => map[deep:map[x:1] k:v]",
        "{{.list}} => [a b c]",
        "{{len .list}} {{len .name}} {{len .obj}} => 3 5 2",
        "{{index .list 1}}{{index .obj \"k\"}} => bv",
        "{{.name | printf \"<%s>\"}} => <kafka>",
        "{{printf \"%s-%d\" .name 7}} => kafka-7",
        "{{print .flag 1 2 \"x\" 3}} => true 1 2x3",
        "{{if eq .name \"kafka\" \"zk\"}}yes{{end}} => yes",
        "{{if ne .name \"kafka\"}}yes{{else}}no{{end}} => no",
        "{{if and .flag .empty}}a{{else if or .empty .name}}b{{end}} => b",
        "{{if not .empty}}empty{{end}} => empty",
        "{{if .zero}}json numbers are true{{end}} => json numbers are true",
        "{{if 0}}x{{else}}ints can be false{{end}} => ints can be false",
        "{{if lt 1 2}}lt{{end}}{{if ge \"b\" \"a\"}}ge{{end}} => ltge",
        "{{$x := .obj.k}}{{$x}}{{$x = \"w\"}}{{$x}} => vw",
        "{{range $i, $v := .list}}{{$i}}={{$v}};{{end}} => 0=a;1=b;2=c;",
        "{{range $k, $v := .obj}}{{$k}};{{end}} => deep;k;",
        "{{with .obj.deep}}{{.x}}{{end}}{{with .missing}}x{{else}}none{{end}} => 1none",
        "{{.missing}} {{.obj.missing.deeper}} => <undefined> <undefined>",
        "a {{/* comment */}} b => a  b",
        "a  {{- .name -}}  b => akafkab",
        "{{(index .list 0) | len}} => 1",
        "{{`raw`}} => raw",
      })
  void rendersLikeGoTextTemplate(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  @Test
  void errorsNameTheProblem() {
    assertThatThrownBy(() -> render("{{nosuch .name}}"))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("template: template:1: function \"nosuch\" not defined");
    assertThatThrownBy(() -> render("{{$y}}")).hasMessageContaining("undefined variable \"$y\"");
    assertThatThrownBy(() -> render("{{.name.x}}"))
        .hasMessageContaining("can't evaluate field x in type string");
    assertThatThrownBy(() -> render("{{if .flag}}x")).hasMessageContaining("unexpected EOF");
    assertThatThrownBy(() -> render("{{end}}")).hasMessageContaining("unexpected {{end}}");
    assertThatThrownBy(() -> render("{{eq .n 3}}"))
        .hasMessageContaining("incompatible types for comparison");
    assertThatThrownBy(() -> render("{{index .list 9}}"))
        .hasMessageContaining("index out of range: 9");
    assertThatThrownBy(() -> render("{{.name")).hasMessageContaining("unclosed action");
  }
}
