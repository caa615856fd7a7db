package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static dev.regard.rego.builtins.BuiltinCalls.j;
import static dev.regard.rego.builtins.BuiltinCalls.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ObjectsBuiltinsTest {
  @Test
  void getByKeyAndByPath() {
    Value obj = j("{\"a\":{\"b\":[10,{\"c\":true}]},\"x\":null}");
    assertThat(call("object.get", obj, s("x"), s("dflt"))).isEqualTo(j("null"));
    assertThat(call("object.get", obj, s("missing"), s("dflt"))).isEqualTo(s("dflt"));
    assertThat(call("object.get", obj, j("[\"a\",\"b\",1,\"c\"]"), s("dflt")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("object.get", obj, j("[\"a\",\"b\",\"1\"]"), s("dflt"))).isEqualTo(s("dflt"));
    assertThat(call("object.get", obj, j("[\"a\",\"b\",5]"), s("dflt"))).isEqualTo(s("dflt"));
    assertThat(call("object.get", obj, j("[]"), s("dflt"))).isEqualTo(obj);
  }

  @Test
  void getThroughASet() {
    Value obj = ObjectValue.of(s("s"), SetValue.of(s("m")));
    assertThat(call("object.get", obj, j("[\"s\",\"m\"]"), s("no"))).isEqualTo(s("m"));
    assertThat(call("object.get", obj, j("[\"s\",\"z\"]"), s("no"))).isEqualTo(s("no"));
    assertThatThrownBy(() -> call("object.get", j("[]"), s("a"), s("b")))
        .hasMessage("operand 1 must be object but got array");
  }

  @Test
  void keys() {
    assertThat(call("object.keys", j("{\"b\":1,\"a\":2}"))).isEqualTo(SetValue.of(s("a"), s("b")));
    assertThat(call("object.keys", j("{}"))).isEqualTo(SetValue.EMPTY);
  }

  @Test
  void unionMergesDeeplyAndTheRightWins() {
    assertThat(
            call(
                "object.union",
                j("{\"a\":1,\"b\":{\"c\":1,\"d\":2},\"e\":{\"f\":1}}"),
                j("{\"a\":2,\"b\":{\"c\":3},\"e\":5}")))
        .isEqualTo(j("{\"a\":2,\"b\":{\"c\":3,\"d\":2},\"e\":5}"));
    assertThatThrownBy(() -> call("object.union", j("{}"), j("[]")))
        .hasMessage("operand 2 must be object but got array");
  }

  @Test
  void unionNFoldsLeftToRight() {
    assertThat(call("object.union_n", j("[{\"a\":{\"b\":2}},{\"a\":4},{\"a\":{\"c\":3}}]")))
        .isEqualTo(j("{\"a\":{\"c\":3}}"));
    assertThat(call("object.union_n", j("[{\"a\":{\"b\":2}},{\"a\":{\"c\":3}}]")))
        .isEqualTo(j("{\"a\":{\"b\":2,\"c\":3}}"));
    assertThat(call("object.union_n", j("[]"))).isEqualTo(ObjectValue.EMPTY);
    assertThatThrownBy(() -> call("object.union_n", j("[{},1]")))
        .hasMessage("operand 1 must be array of objects but got array containing number");
  }

  @Test
  void removeAndFilterTakeArraysSetsAndObjects() {
    Value obj = j("{\"a\":1,\"b\":2,\"c\":3}");
    assertThat(call("object.remove", obj, j("[\"a\",\"z\"]"))).isEqualTo(j("{\"b\":2,\"c\":3}"));
    assertThat(call("object.remove", obj, SetValue.of(s("b")))).isEqualTo(j("{\"a\":1,\"c\":3}"));
    assertThat(call("object.remove", obj, j("{\"c\":0}"))).isEqualTo(j("{\"a\":1,\"b\":2}"));
    assertThat(call("object.filter", obj, j("[\"a\",\"z\"]"))).isEqualTo(j("{\"a\":1}"));
    assertThat(call("object.filter", obj, j("{\"b\":0,\"c\":0}")))
        .isEqualTo(j("{\"b\":2,\"c\":3}"));
    Value numeric = ObjectValue.of(NumberValue.of(1), s("one"));
    assertThat(call("object.filter", numeric, j("[1]"))).isEqualTo(numeric);
    assertThatThrownBy(() -> call("object.remove", obj, s("a")))
        .hasMessage("operand 2 must be one of {object, set, array} but got string");
    assertThatThrownBy(() -> call("object.filter", j("null"), j("[]")))
        .hasMessage("operand 1 must be object but got null");
  }

  @Test
  void subset() {
    assertThat(
            call(
                "object.subset",
                j("{\"a\":{\"b\":[1,2,3],\"c\":1},\"d\":2}"),
                j("{\"a\":{\"b\":[2,3]}}")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("object.subset", j("{\"a\":1}"), j("{\"a\":2}"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("object.subset", j("[1,2,3,4]"), j("[2,3]"))).isEqualTo(BooleanValue.TRUE);
    assertThat(call("object.subset", j("[1,2,3,4]"), j("[2,4]"))).isEqualTo(BooleanValue.FALSE);
    assertThat(call("object.subset", j("[1,2,3]"), SetValue.of(j("3"), j("1"))))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("object.subset", SetValue.of(j("1"), j("2")), SetValue.of(j("2"))))
        .isEqualTo(BooleanValue.TRUE);
    assertThatThrownBy(() -> call("object.subset", j("{}"), j("[]")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("both arguments object.subset must be of the same type or array and set");
  }

  @Test
  void jsonFilterKeepsSelectedPaths() {
    Value doc = j("{\"a\":{\"b\":1,\"c\":[10,20,30]},\"d\":2,\"e~/\":3}");
    assertThat(call("json.filter", doc, j("[\"a/b\",\"a/c/1\",\"e~0~1\"]")))
        .isEqualTo(j("{\"a\":{\"b\":1,\"c\":[20]},\"e~/\":3}"));
    assertThat(call("json.filter", doc, SetValue.of(j("[\"d\"]")))).isEqualTo(j("{\"d\":2}"));
    // A shorter path covers longer ones below it.
    assertThat(call("json.filter", doc, j("[\"a/b\",\"a\"]")))
        .isEqualTo(j("{\"a\":{\"b\":1,\"c\":[10,20,30]}}"));
    assertThatThrownBy(() -> call("json.filter", doc, s("a")))
        .hasMessage("operand 2 must be one of {set, array} but got string");
    assertThatThrownBy(() -> call("json.filter", doc, j("[{}]")))
        .hasMessage(
            "operand 2 must be one of {set, array} containing string paths or array of path"
                + " segments but got object");
  }

  @Test
  void jsonRemoveDropsSelectedPaths() {
    Value doc = j("{\"a\":{\"b\":1,\"c\":[10,20,30]},\"d\":2}");
    assertThat(call("json.remove", doc, j("[\"a/b\",\"/a/c/0\"]")))
        .isEqualTo(j("{\"a\":{\"c\":[20,30]},\"d\":2}"));
    assertThat(call("json.remove", doc, j("[[\"d\"],\"x/y\"]")))
        .isEqualTo(j("{\"a\":{\"b\":1,\"c\":[10,20,30]}}"));
    assertThat(call("json.remove", doc, j("[]"))).isEqualTo(doc);
    assertThatThrownBy(() -> call("json.remove", j("[]"), j("[]")))
        .hasMessage("operand 1 must be object but got array");
    assertThatThrownBy(() -> call("json.remove", doc, j("1")))
        .hasMessage("operand 2 must be one of {set, array} but got number");
  }

  @Test
  void jsonPatchAppliesRfc6902Operations() {
    Value doc = j("{\"foo\":[\"bar\",\"baz\"],\"q\":{\"x\":1}}");
    assertThat(
            call("json.patch", doc, j("[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]")))
        .isEqualTo(j("{\"foo\":[\"bar\",\"qux\",\"baz\"],\"q\":{\"x\":1}}"));
    assertThat(call("json.patch", doc, j("[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":1}]")))
        .isEqualTo(j("{\"foo\":[\"bar\",\"baz\",1],\"q\":{\"x\":1}}"));
    assertThat(call("json.patch", doc, j("[{\"op\":\"remove\",\"path\":\"/q/x\"}]")))
        .isEqualTo(j("{\"foo\":[\"bar\",\"baz\"],\"q\":{}}"));
    assertThat(
            call(
                "json.patch",
                doc,
                j(
                    "[{\"op\":\"move\",\"from\":\"/q/x\",\"path\":\"/y\"},"
                        + "{\"op\":\"copy\",\"from\":\"/y\",\"path\":\"/z\"},"
                        + "{\"op\":\"replace\",\"path\":\"/foo\",\"value\":0},"
                        + "{\"op\":\"test\",\"path\":\"/z\",\"value\":1}]")))
        .isEqualTo(j("{\"foo\":0,\"q\":{},\"y\":1,\"z\":1}"));
    assertThat(
            call("json.patch", j("\"a\""), j("[{\"op\":\"replace\",\"path\":\"\",\"value\":2}]")))
        .isEqualTo(j("2"));
  }

  @Test
  void jsonPatchThatDoesNotApplyIsUndefined() {
    Value doc = j("{\"q\":{\"bar\":2},\"a\":[1]}");
    for (String patch :
        new String[] {
          "[{\"op\":\"add\",\"path\":\"/a/b\",\"value\":1}]",
          "[{\"op\":\"add\",\"path\":\"/x/y\",\"value\":1}]",
          "[{\"op\":\"remove\",\"path\":\"/nope\"}]",
          "[{\"op\":\"test\",\"path\":\"/q/bar\",\"value\":3}]",
          "[{\"op\":\"test\",\"path\":\"/a/01\",\"value\":1}]",
          "[{\"op\":\"add\",\"path\":\"/a/5\",\"value\":1}]",
          "[{\"op\":\"spam\",\"path\":\"/a\",\"value\":1}]",
          "[{\"op\":\"add\",\"path\":\"/a\"}]",
          "[{\"path\":\"/a\"}]",
          "[1]"
        }) {
      assertThat(call("json.patch", doc, j(patch))).as(patch).isNull();
    }
    assertThatThrownBy(() -> call("json.patch", doc, j("{}")))
        .hasMessage("operand 2 must be array but got object");
  }

  @Test
  void jsonPatchAddressesSetsByElement() {
    Value doc = ObjectValue.of(s("s"), SetValue.of(s("a"), s("b")));
    assertThat(call("json.patch", doc, j("[{\"op\":\"remove\",\"path\":\"/s/a\"}]")))
        .isEqualTo(ObjectValue.of(s("s"), SetValue.of(s("b"))));
    assertThat(call("json.patch", doc, j("[{\"op\":\"add\",\"path\":\"/s/c\",\"value\":\"c\"}]")))
        .isEqualTo(ObjectValue.of(s("s"), SetValue.of(s("a"), s("b"), s("c"))));
  }

  @Test
  void walkListsEveryPathInPreOrder() {
    Builtin walk = StandardBuiltins.registry().find("walk").orElseThrow();
    assertThat(walk.relation()).isTrue();
    assertThat(call("walk", j("{\"a\":[1,{\"b\":2}]}")))
        .isEqualTo(
            j(
                "[[[],{\"a\":[1,{\"b\":2}]}],[[\"a\"],[1,{\"b\":2}]],[[\"a\",0],1],"
                    + "[[\"a\",1],{\"b\":2}],[[\"a\",1,\"b\"],2]]"));
    assertThat(call("walk", j("1"))).isEqualTo(j("[[[],1]]"));
    Value set = SetValue.of(j("1"));
    assertThat(call("walk", set))
        .isEqualTo(ArrayValue.of(ArrayValue.of(ArrayValue.EMPTY, set), j("[[1],1]")));
  }

  @Test
  void veryLongPathsAreHandledWithoutDeepRecursion() {
    Value[] segments = new Value[200_000];
    Arrays.fill(segments, s("a"));
    Value path = ArrayValue.of(segments);
    Value doc = j("{\"a\":{\"a\":1},\"b\":2}");
    assertThat(call("json.filter", doc, ArrayValue.of(path))).isEqualTo(j("{\"a\":{\"a\":1}}"));
    assertThat(call("json.remove", doc, ArrayValue.of(path))).isEqualTo(doc);
  }
}
