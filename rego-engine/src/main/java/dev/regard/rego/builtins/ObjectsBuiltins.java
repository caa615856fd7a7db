package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's object builtins ({@code object.*}), the JSON document builtins {@code json.filter}, {@code
 * json.remove} and {@code json.patch}, and the {@code walk} relation.
 */
final class ObjectsBuiltins {
  private ObjectsBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("object.get", fn(A, OBJ, A, A), ObjectsBuiltins::get);
    b.add("object.keys", fn(SET, OBJ), ObjectsBuiltins::keys);
    b.add("object.union", fn(A, OBJ, OBJ), ObjectsBuiltins::union);
    b.add("object.union_n", fn(A, arr(OBJ)), ObjectsBuiltins::unionN);
    b.add("object.remove", fn(A, OBJ, any(ARR, OBJ, SET)), ObjectsBuiltins::remove);
    b.add("object.filter", fn(A, OBJ, any(ARR, OBJ, SET)), ObjectsBuiltins::filter);
    b.add("object.subset", fn(B, any(OBJ, ARR, SET), any(OBJ, ARR, SET)), ObjectsBuiltins::subset);
    b.add(
        "json.filter",
        fn(A, OBJ, any(arr(any(S, ARR)), set(any(S, ARR)))),
        ObjectsBuiltins::jsonFilter);
    b.add(
        "json.remove",
        fn(A, OBJ, any(arr(any(S, ARR)), set(any(S, ARR)))),
        ObjectsBuiltins::jsonRemove);
    b.add("json.patch", fn(A, A, arr(SOBJ)), ObjectsJsonPatch::patch);
    b.add(new Builtin("walk", fn(tuple(ARR, A), A), ObjectsBuiltins::walk, true));
  }

  private static Value get(BuiltinContext ctx, Value[] args) {
    ObjectValue obj = Args.object(args, 0);
    if (!(args[1] instanceof ArrayValue path)) {
      Value found = obj.get(args[1]);
      return found != null ? found : args[2];
    }
    Value found = find(obj, path.elements());
    return found != null ? found : args[2];
  }

  /** The value at {@code path} below {@code v}, or null; array indices must be numbers. */
  static Value find(Value v, List<Value> path) {
    Value cur = v;
    for (Value seg : path) {
      if (cur instanceof ObjectValue o) {
        cur = o.get(seg);
      } else if (cur instanceof ArrayValue a) {
        cur = seg instanceof NumberValue n ? elementAt(a, n) : null;
      } else if (cur instanceof SetValue s) {
        cur = s.contains(seg) ? seg : null;
      } else {
        cur = null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  private static Value elementAt(ArrayValue a, NumberValue n) {
    var i = n.intValue();
    return i.isPresent() && i.getAsInt() >= 0 && i.getAsInt() < a.size()
        ? a.get(i.getAsInt())
        : null;
  }

  private static Value keys(BuiltinContext ctx, Value[] args) {
    return SetValue.of(Args.object(args, 0).keys());
  }

  private static Value union(BuiltinContext ctx, Value[] args) {
    ObjectValue a = Args.object(args, 0);
    ObjectValue b = Args.object(args, 1);
    ctx.charge(a.size() + (long) b.size());
    return merge(a, b);
  }

  private static Value unionN(BuiltinContext ctx, Value[] args) {
    ArrayValue objects = Args.array(args, 0);
    ObjectValue result = ObjectValue.EMPTY;
    for (Value v : objects.elements()) {
      if (!(v instanceof ObjectValue o)) {
        throw BuiltinException.typeError(
            "operand 1 must be array of objects but got array containing " + v.typeName());
      }
      ctx.charge(o.size());
      result = merge(result, o);
    }
    return result;
  }

  /** Merges {@code b} into {@code a}: b's values win, except that two objects merge deeply. */
  private static ObjectValue merge(ObjectValue a, ObjectValue b) {
    if (a.equals(b)) {
      return a;
    }
    ObjectValue.Builder out = a.toBuilder();
    for (int i = 0; i < b.size(); i++) {
      Value key = b.keyAt(i);
      Value mine = a.get(key);
      Value theirs = b.valueAt(i);
      out.put(
          key,
          mine instanceof ObjectValue mo && theirs instanceof ObjectValue to
              ? merge(mo, to)
              : theirs);
    }
    return out.build();
  }

  private static Value remove(BuiltinContext ctx, Value[] args) {
    ObjectValue obj = Args.object(args, 0);
    SetValue drop = keySet(args[1]);
    ObjectValue.Builder out = ObjectValue.builder();
    for (int i = 0; i < obj.size(); i++) {
      if (!drop.contains(obj.keyAt(i))) {
        out.put(obj.keyAt(i), obj.valueAt(i));
      }
    }
    return out.build();
  }

  private static Value filter(BuiltinContext ctx, Value[] args) {
    ObjectValue obj = Args.object(args, 0);
    SetValue keep = keySet(args[1]);
    ObjectValue.Builder out = ObjectValue.builder();
    for (Value k : keep.elements()) {
      Value v = obj.get(k);
      if (v != null) {
        out.put(k, v);
      }
    }
    return out.build();
  }

  /** The keys named by an array, a set, or an object's keys (OPA's {@code getObjectKeysParam}). */
  private static SetValue keySet(Value v) {
    if (v instanceof ArrayValue a) {
      return SetValue.of(a.elements());
    } else if (v instanceof SetValue s) {
      return s;
    } else if (v instanceof ObjectValue o) {
      return SetValue.of(o.keys());
    }
    throw Args.operandError(1, "one of {object, set, array}", v);
  }

  private static Value subset(BuiltinContext ctx, Value[] args) {
    Value sup = args[0];
    Value sub = args[1];
    if (sup instanceof ObjectValue a && sub instanceof ObjectValue b) {
      return BooleanValue.of(objectSubset(a, b));
    } else if (sup instanceof SetValue a && sub instanceof SetValue b) {
      return BooleanValue.of(setSubset(a, b));
    } else if (sup instanceof ArrayValue a && sub instanceof ArrayValue b) {
      return BooleanValue.of(arraySubset(a, b));
    } else if (sup instanceof ArrayValue a && sub instanceof SetValue b) {
      return BooleanValue.of(arrayContainsSet(a, b));
    }
    throw BuiltinException.typeError(
        "both arguments object.subset must be of the same type or array and set");
  }

  private static boolean objectSubset(ObjectValue sup, ObjectValue sub) {
    for (int i = 0; i < sub.size(); i++) {
      Value mine = sup.get(sub.keyAt(i));
      Value theirs = sub.valueAt(i);
      if (mine == null) {
        return false;
      }
      if (mine.equals(theirs)) {
        continue;
      }
      boolean ok;
      if (mine instanceof ObjectValue a && theirs instanceof ObjectValue b) {
        ok = objectSubset(a, b);
      } else if (mine instanceof SetValue a && theirs instanceof SetValue b) {
        ok = setSubset(a, b);
      } else if (mine instanceof ArrayValue a && theirs instanceof ArrayValue b) {
        ok = arraySubset(a, b);
      } else {
        ok = false;
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean setSubset(SetValue sup, SetValue sub) {
    return sub.elements().stream().allMatch(sup::contains);
  }

  /** True when {@code sub} occurs in {@code sup} as a contiguous run. */
  private static boolean arraySubset(ArrayValue sup, ArrayValue sub) {
    return Collections.indexOfSubList(sup.elements(), sub.elements()) >= 0;
  }

  private static boolean arrayContainsSet(ArrayValue sup, SetValue sub) {
    // As OPA: an empty set is only contained in a non-empty array.
    int unmatched = sub.size();
    for (Value v : sup.elements()) {
      if (sub.contains(v)) {
        unmatched--;
      }
      if (unmatched <= 0) {
        return true;
      }
    }
    return false;
  }

  private static Value jsonFilter(BuiltinContext ctx, Value[] args) {
    ObjectValue obj = Args.object(args, 0);
    return filterByTree(obj, pathsToTree(ctx, jsonPaths(args[1])));
  }

  private static Value jsonRemove(BuiltinContext ctx, Value[] args) {
    ObjectValue obj = Args.object(args, 0);
    return removeByTree(obj, pathsToTree(ctx, jsonPaths(args[1])));
  }

  /** Paths from a set or array of JSON pointer strings or arrays of segments. */
  private static List<List<Value>> jsonPaths(Value v) {
    List<Value> items;
    if (v instanceof ArrayValue a) {
      items = a.elements();
    } else if (v instanceof SetValue s) {
      items = s.elements();
    } else {
      throw Args.operandError(1, "one of {set, array}", v);
    }
    List<List<Value>> paths = new ArrayList<>(items.size());
    for (Value item : items) {
      List<Value> path = parsePath(item);
      if (path == null) {
        throw BuiltinException.typeError(
            "operand 2 must be one of {set, array} containing string paths or array of path"
                + " segments but got "
                + item.typeName());
      }
      paths.add(path);
    }
    return paths;
  }

  /**
   * A path given as a JSON pointer ({@code "a/b"} or {@code "/a/b"}, with {@code ~1} and {@code ~0}
   * escapes) or as an array of segments; null for any other value.
   */
  static List<Value> parsePath(Value v) {
    if (v instanceof ArrayValue a) {
      return a.elements();
    }
    if (!(v instanceof StringValue s)) {
      return null;
    }
    if (s.value().isEmpty()) {
      return List.of();
    }
    String trimmed = s.value().replaceFirst("^/+", "");
    List<Value> out = new ArrayList<>();
    for (String part : trimmed.split("/", -1)) {
      out.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
    }
    return out;
  }

  /**
   * Folds paths into a tree whose leaves mark selected values. A shorter path swallows longer ones,
   * and the empty path selects nothing.
   */
  private static Node pathsToTree(BuiltinContext ctx, List<List<Value>> paths) {
    Node root = new Node();
    for (List<Value> path : paths) {
      ctx.charge(path.size());
      if (path.isEmpty()) {
        continue;
      }
      Node node = root;
      boolean covered = false;
      for (int i = 0; i < path.size() - 1 && !covered; i++) {
        Node child = node.children.get(path.get(i));
        if (child == null) {
          child = new Node();
          node.children.put(path.get(i), child);
        } else if (child.leaf) {
          covered = true;
        }
        node = child;
      }
      if (!covered) {
        Node leaf = new Node();
        leaf.leaf = true;
        node.children.put(path.get(path.size() - 1), leaf);
      }
    }
    return root;
  }

  /** A node of the path tree: a leaf selects everything below it. */
  private static final class Node {
    final Map<Value, Node> children = new HashMap<>();
    boolean leaf;
  }

  /** Keeps the parts of {@code v} that the path tree selects (OPA's {@code Object.Filter}). */
  private static Value filterByTree(Value v, Node f) {
    if (f.leaf) {
      return v;
    }
    if (v instanceof ArrayValue a) {
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        Node sub = f.children.get(StringValue.of(Integer.toString(i)));
        if (sub != null) {
          out.add(filterByTree(a.get(i), sub));
        }
      }
      return ArrayValue.of(out);
    } else if (v instanceof SetValue s) {
      List<Value> out = new ArrayList<>();
      for (Value e : s.elements()) {
        Node sub = f.children.get(e);
        if (sub != null) {
          out.add(filterByTree(e, sub));
        }
      }
      return SetValue.of(out);
    } else if (v instanceof ObjectValue o) {
      ObjectValue.Builder out = ObjectValue.builder();
      for (int i = 0; i < o.size(); i++) {
        Node sub = f.children.get(o.keyAt(i));
        if (sub != null) {
          out.put(o.keyAt(i), filterByTree(o.valueAt(i), sub));
        }
      }
      return out.build();
    }
    return v;
  }

  /** Drops the tree's leaves from {@code v}; null when {@code v} itself is dropped. */
  private static Value removeByTree(Value v, Node t) {
    if (t == null) {
      return v;
    }
    if (t.leaf) {
      return null;
    }
    if (v instanceof ObjectValue o) {
      ObjectValue.Builder out = ObjectValue.builder();
      for (int i = 0; i < o.size(); i++) {
        Value kept = removeByTree(o.valueAt(i), t.children.get(o.keyAt(i)));
        if (kept != null) {
          out.put(o.keyAt(i), kept);
        }
      }
      return out.build();
    } else if (v instanceof SetValue s) {
      List<Value> out = new ArrayList<>();
      for (Value e : s.elements()) {
        Value kept = removeByTree(e, t.children.get(e));
        if (kept != null) {
          out.add(kept);
        }
      }
      return SetValue.of(out);
    } else if (v instanceof ArrayValue a) {
      // Removed elements close up, as in JSON Patch.
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        Value kept = removeByTree(a.get(i), t.children.get(StringValue.of(Integer.toString(i))));
        if (kept != null) {
          out.add(kept);
        }
      }
      return ArrayValue.of(out);
    }
    return v;
  }

  /** Every {@code [path, value]} pair below and including the argument, in pre-order. */
  private static Value walk(BuiltinContext ctx, Value[] args) {
    List<Value> out = new ArrayList<>();
    walk(ctx, args[0], new ArrayList<>(), out);
    return ArrayValue.of(out);
  }

  private static void walk(BuiltinContext ctx, Value v, List<Value> path, List<Value> out) {
    ctx.charge(1 + path.size());
    out.add(ArrayValue.of(ArrayValue.of(path), v));
    if (v instanceof ObjectValue o) {
      for (int i = 0; i < o.size(); i++) {
        descend(ctx, o.keyAt(i), o.valueAt(i), path, out);
      }
    } else if (v instanceof ArrayValue a) {
      for (int i = 0; i < a.size(); i++) {
        descend(ctx, NumberValue.of(i), a.get(i), path, out);
      }
    } else if (v instanceof SetValue s) {
      for (Value e : s.elements()) {
        descend(ctx, e, e, path, out);
      }
    }
  }

  private static void descend(
      BuiltinContext ctx, Value key, Value child, List<Value> path, List<Value> out) {
    path.add(key);
    walk(ctx, child, path, out);
    path.remove(path.size() - 1);
  }
}
