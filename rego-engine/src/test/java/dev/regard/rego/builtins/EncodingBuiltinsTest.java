package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static dev.regard.rego.builtins.BuiltinCalls.j;
import static dev.regard.rego.builtins.BuiltinCalls.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodingBuiltinsTest {
  @Test
  void jsonMarshalWritesAsGoDoes() {
    assertThat(call("json.marshal", ObjectValue.of(s("foo"), SetValue.of(j("3"), j("1")))))
        .isEqualTo(s("{\"foo\":[1,3]}"));
    assertThat(call("json.marshal", s("<a&b>\u2028\n\u0001")))
        .isEqualTo(s("\"\\u003ca\\u0026b\\u003e\\u2028\\n\\u0001\""));
    assertThat(call("json.marshal", ObjectValue.of(NumberValue.of(1), s("x"))))
        .isEqualTo(s("{\"1\":\"x\"}"));
    assertThat(call("json.marshal", j("[1.5,null,true,{}]"))).isEqualTo(s("[1.5,null,true,{}]"));
  }

  @Test
  void jsonMarshalWithOptions() {
    Value doc = j("{\"a\":[1,2],\"b\":{}}");
    assertThat(call("json.marshal_with_options", doc, j("{}")))
        .isEqualTo(s("{\"a\":[1,2],\"b\":{}}"));
    assertThat(call("json.marshal_with_options", doc, j("{\"pretty\":true}")))
        .isEqualTo(s("{\n\t\"a\": [\n\t\t1,\n\t\t2\n\t],\n\t\"b\": {}\n}"));
    assertThat(call("json.marshal_with_options", doc, j("{\"indent\":\"  \",\"prefix\":\"> \"}")))
        .isEqualTo(s("> {\n>   \"a\": [\n>     1,\n>     2\n>   ],\n>   \"b\": {}\n> }"));
    assertThat(call("json.marshal_with_options", doc, j("{\"indent\":\" \",\"pretty\":false}")))
        .isEqualTo(s("{\"a\":[1,2],\"b\":{}}"));
    assertThatThrownBy(() -> call("json.marshal_with_options", doc, j("{\"colour\":1}")))
        .hasMessage("operand 2 object contained unknown key colour");
    assertThatThrownBy(() -> call("json.marshal_with_options", doc, j("{\"pretty\":1}")))
        .hasMessage("operand 2 key pretty failed cast to bool");
  }

  @Test
  void jsonUnmarshalAndIsValid() {
    assertThat(call("json.unmarshal", s("{\"a\":[1,\"x\",null]}")))
        .isEqualTo(j("{\"a\":[1,\"x\",null]}"));
    assertThatThrownBy(() -> call("json.unmarshal", s("{\"a\":")))
        .hasMessage("unexpected end of JSON input");
    assertThatThrownBy(() -> call("json.unmarshal", s("plain")))
        .hasMessage("invalid character 'p' looking for beginning of value");
    assertThatThrownBy(() -> call("json.unmarshal", s("{")))
        .isInstanceOf(BuiltinException.class)
        .extracting(e -> ((BuiltinException) e).kind())
        .isEqualTo(BuiltinException.Kind.BUILTIN);
    assertThat(call("json.is_valid", s("{\"json\":\"ok\"}"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("json.is_valid", s("plainstring"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("json.is_valid", NumberValue.of(1))).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void jsonUnmarshalRefusesHostileNesting() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> call("json.unmarshal", s(deep))).isInstanceOf(BuiltinException.class);
    assertThat(call("json.is_valid", s(deep))).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void yamlRoundTripAndYaml11Scalars() {
    Value doc = ObjectValue.of(s("foo"), SetValue.of(j("1"), j("2")));
    Value text = call("yaml.marshal", doc);
    assertThat(text).isEqualTo(s("foo:\n- 1\n- 2\n"));
    assertThat(call("yaml.unmarshal", text)).isEqualTo(j("{\"foo\":[1,2]}"));
    assertThat(call("yaml.unmarshal", s("a: yes\nb: 1.5\nc: ~\nd: \"2\"\n3: x\nt: 2001-12-14\n")))
        .isEqualTo(
            j("{\"a\":true,\"b\":1.5,\"c\":null,\"d\":\"2\",\"3\":\"x\",\"t\":\"2001-12-14\"}"));
    assertThat(call("yaml.marshal", j("{\"num\":\"123\",\"b\":\"true\"}")))
        .isEqualTo(s("b: \"true\"\nnum: \"123\"\n"));
    assertThat(call("yaml.unmarshal", s(""))).isEqualTo(NullValue.INSTANCE);
  }

  @Test
  void yamlValidity() {
    assertThat(call("yaml.is_valid", s("foo:\n  - qux: bar\n  - baz: 2")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("yaml.is_valid", s("foo:\n  - qux: bar\n  - baz: {")))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("yaml.is_valid", s("  test:\ntest1: hello\n"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("yaml.is_valid", s("a: 1\n---\n\tb: 2\n"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("yaml.is_valid", s("a: 1\n---\nb: 2\n"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("yaml.is_valid", NumberValue.of(1))).isEqualTo(BooleanValue.FALSE);
    assertThatThrownBy(() -> call("yaml.unmarshal", s("a: {"))).hasMessageStartingWith("yaml: ");
  }

  @Test
  void yamlRefusesAliasBombs() {
    StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char prev = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      bomb.append("]\n");
    }
    assertThatThrownBy(() -> call("yaml.unmarshal", s(bomb.toString())))
        .isInstanceOf(BuiltinException.class);
  }

  @Test
  void base64() {
    assertThat(call("base64.encode", s("subjects?_d"))).isEqualTo(s("c3ViamVjdHM/X2Q="));
    assertThat(call("base64.decode", s("c3ViamVjdHM/X2Q="))).isEqualTo(s("subjects?_d"));
    assertThat(call("base64.decode", s("aGVs\nbG8="))).isEqualTo(s("hello"));
    assertThat(call("base64.is_valid", s("aGVsbG8="))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("base64.is_valid", s("aGVsbG8"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("base64.is_valid", NumberValue.of(1))).isEqualTo(BooleanValue.FALSE);
    assertThatThrownBy(() -> call("base64.decode", s("aGV$bG8=")))
        .hasMessage("illegal base64 data at input byte 3");
    assertThatThrownBy(() -> call("base64.decode", s("aGVsbG8")))
        .hasMessageStartingWith("illegal base64 data at input byte");
  }

  @Test
  void base64url() {
    assertThat(call("base64url.encode", s("subjects?_d"))).isEqualTo(s("c3ViamVjdHM_X2Q="));
    assertThat(call("base64url.encode_no_pad", s("hello"))).isEqualTo(s("aGVsbG8"));
    assertThat(call("base64url.decode", s("aGVsbG8"))).isEqualTo(s("hello"));
    assertThat(call("base64url.decode", s("aGVsbG8="))).isEqualTo(s("hello"));
    assertThat(call("base64url.decode", s("c3ViamVjdHM_X2Q"))).isEqualTo(s("subjects?_d"));
    assertThatThrownBy(() -> call("base64url.decode", s("aGVsb")))
        .hasMessage("illegal base64url string: aGVsb");
  }

  @Test
  void hex() {
    assertThat(call("hex.encode", s("hi ✓"))).isEqualTo(s("686920e29c93"));
    assertThat(call("hex.decode", s("686920E29C93"))).isEqualTo(s("hi ✓"));
    assertThatThrownBy(() -> call("hex.decode", s("fghijkl")))
        .hasMessage("encoding/hex: invalid byte: U+0067 'g'");
    assertThatThrownBy(() -> call("hex.decode", s("abc")))
        .hasMessage("encoding/hex: odd length hex string");
  }

  @ParameterizedTest
  @CsvSource({"'a=b+1', a%3Db%2B1", "'', ''", "'x y~z*', x+y~z%2A", "'é', %C3%A9"})
  void urlqueryEncode(String input, String expected) {
    assertThat(call("urlquery.encode", s(input))).isEqualTo(s(expected));
    assertThat(call("urlquery.decode", s(expected))).isEqualTo(s(input));
  }

  @Test
  void urlqueryDecodeErrors() {
    assertThatThrownBy(() -> call("urlquery.decode", s("a%zzb")))
        .hasMessage("invalid URL escape \"%zz\"");
    assertThatThrownBy(() -> call("urlquery.decode", s("a%2")))
        .hasMessage("invalid URL escape \"%2\"");
  }

  @Test
  void urlqueryObjects() {
    assertThat(call("urlquery.encode_object", j("{\"c\":\"d\",\"a\":[\"b+1\",\"c+2\"]}")))
        .isEqualTo(s("a=b%2B1&a=c%2B2&c=d"));
    assertThat(call("urlquery.encode_object", ObjectValue.of(s("a"), SetValue.of(s("x")))))
        .isEqualTo(s("a=x"));
    assertThatThrownBy(() -> call("urlquery.encode_object", j("{\"a\":1}")))
        .hasMessage("operand 1 values must be string, array[string], or set[string]");
    assertThat(call("urlquery.decode_object", s("a=value_a1&b=value_b&a=value_a2&c")))
        .isEqualTo(j("{\"a\":[\"value_a1\",\"value_a2\"],\"b\":[\"value_b\"],\"c\":[\"\"]}"));
    assertThat(call("urlquery.decode_object", s(""))).isEqualTo(ObjectValue.EMPTY);
    assertThatThrownBy(() -> call("urlquery.decode_object", s("a=1;b=2")))
        .hasMessage("invalid semicolon separator in query");
  }

  @Test
  void uuidParse() {
    assertThat(call("uuid.parse", s("00000000-0000-4000-8000-000000000000")))
        .isEqualTo(j("{\"version\":4,\"variant\":\"RFC4122\"}"));
    // A version 1 UUID: 1970-01-01T00:00:00Z, clock sequence 0x0123, node 02:...: local unicast.
    assertThat(call("uuid.parse", s("13814000-1dd2-11b2-8123-020000000001")))
        .isEqualTo(
            j(
                "{\"version\":1,\"variant\":\"RFC4122\",\"time\":0,\"clocksequence\":291,"
                    + "\"nodeid\":\"02-00-00-00-00-01\",\"macvariables\":\"local:unicast\"}"));
    assertThat(call("uuid.parse", s("{00000000-0000-4000-8000-000000000000}")))
        .isEqualTo(call("uuid.parse", s("urn:uuid:00000000-0000-4000-8000-000000000000")));
    assertThat(call("uuid.parse", s("00000000000040008000000000000000")))
        .isEqualTo(j("{\"version\":4,\"variant\":\"RFC4122\"}"));
    assertThat(call("uuid.parse", s("not-a-uuid"))).isNull();
    assertThat(call("uuid.parse", s("00000000-0000-4000-8000-00000000000g"))).isNull();
  }
}
