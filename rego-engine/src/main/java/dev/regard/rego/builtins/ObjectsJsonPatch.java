package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code json.patch}: applies RFC 6902 operations to any document, as OPA does. Sets are addressed
 * by their elements. A patch that cannot apply (missing path, failed test, malformed operation)
 * makes the result undefined rather than raising an error.
 */
final class ObjectsJsonPatch {
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

  private ObjectsJsonPatch() {}

  /** Signals that a patch does not apply; never escapes this class. */
  private static final class NotApplicable extends Exception {
    NotApplicable() {
      super(null, null, false, false);
    }
  }

  static Value patch(BuiltinContext ctx, Value[] args) {
    ArrayValue ops = Args.array(args, 1);
    Value doc = args[0];
    try {
      for (Value op : ops.elements()) {
        ctx.charge(1);
        doc = apply(doc, op);
      }
      return doc;
    } catch (NotApplicable e) {
      return null;
    }
  }

  private static Value apply(Value doc, Value opValue) throws NotApplicable {
    if (!(opValue instanceof ObjectValue op)) {
      throw new NotApplicable();
    }
    if (!(attribute(op, "op") instanceof StringValue name) || !OPS.contains(name.value())) {
      throw new NotApplicable();
    }
    List<Value> path = path(attribute(op, "path"));
    switch (name.value()) {
      case "add":
        return insert(doc, path, 0, attribute(op, "value"));
      case "remove":
        return delete(doc, path, 0);
      case "replace":
        return insert(delete(doc, path, 0), path, 0, attribute(op, "value"));
      case "move":
        {
          List<Value> from = path(attribute(op, "from"));
          Value chunk = render(doc, from);
          return insert(delete(doc, from, 0), path, 0, chunk);
        }
      case "copy":
        {
          Value chunk = render(doc, path(attribute(op, "from")));
          return insert(doc, path, 0, chunk);
        }
      default: // test
        if (!render(doc, path).equals(attribute(op, "value"))) {
          throw new NotApplicable();
        }
        return doc;
    }
  }

  private static Value attribute(ObjectValue op, String name) throws NotApplicable {
    Value v = op.get(name);
    if (v == null) {
      throw new NotApplicable();
    }
    return v;
  }

  private static List<Value> path(Value v) throws NotApplicable {
    List<Value> p = ObjectsBuiltins.parsePath(v);
    if (p == null) {
      throw new NotApplicable();
    }
    return p;
  }

  private static Value insert(Value node, List<Value> path, int depth, Value value)
      throws NotApplicable {
    if (depth == path.size()) {
      return value;
    }
    Value seg = path.get(depth);
    boolean last = depth == path.size() - 1;
    if (node instanceof ObjectValue o) {
      if (last) {
        return o.with(seg, value);
      }
      return o.with(seg, insert(existing(o.get(seg)), path, depth + 1, value));
    } else if (node instanceof ArrayValue a) {
      List<Value> items = new ArrayList<>(a.elements());
      if (last) {
        int i = isDash(seg) ? items.size() : index(seg, items.size() + 1);
        items.add(i, value);
      } else {
        int i = index(seg, items.size());
        items.set(i, insert(items.get(i), path, depth + 1, value));
      }
      return ArrayValue.of(items);
    } else if (node instanceof SetValue s) {
      List<Value> items = new ArrayList<>(s.elements());
      if (last) {
        items.add(value);
      } else {
        Value child = existing(s.contains(seg) ? seg : null);
        items.remove(child);
        items.add(insert(child, path, depth + 1, value));
      }
      return SetValue.of(items);
    }
    throw new NotApplicable();
  }

  private static Value delete(Value node, List<Value> path, int depth) throws NotApplicable {
    if (depth == path.size()) {
      return null; // the whole document is removed; a following insert at the root restores it
    }
    Value seg = path.get(depth);
    boolean last = depth == path.size() - 1;
    if (node instanceof ObjectValue o) {
      Value child = existing(o.get(seg));
      if (last) {
        return o.toBuilder().remove(seg).build();
      }
      return o.with(seg, delete(child, path, depth + 1));
    } else if (node instanceof ArrayValue a) {
      List<Value> items = new ArrayList<>(a.elements());
      int i = index(seg, items.size());
      if (last) {
        items.remove(i);
      } else {
        items.set(i, delete(items.get(i), path, depth + 1));
      }
      return ArrayValue.of(items);
    } else if (node instanceof SetValue s) {
      Value child = existing(s.contains(seg) ? seg : null);
      List<Value> items = new ArrayList<>(s.elements());
      items.remove(child);
      if (!last) {
        items.add(delete(child, path, depth + 1));
      }
      return SetValue.of(items);
    }
    throw new NotApplicable();
  }

  private static Value render(Value node, List<Value> path) throws NotApplicable {
    Value cur = node;
    for (Value seg : path) {
      if (cur instanceof ObjectValue o) {
        cur = existing(o.get(seg));
      } else if (cur instanceof ArrayValue a) {
        cur = a.get(index(seg, a.size()));
      } else if (cur instanceof SetValue s) {
        cur = existing(s.contains(seg) ? seg : null);
      } else {
        throw new NotApplicable();
      }
    }
    if (cur == null) {
      throw new NotApplicable();
    }
    return cur;
  }

  private static Value existing(Value v) throws NotApplicable {
    if (v == null) {
      throw new NotApplicable();
    }
    return v;
  }

  private static boolean isDash(Value seg) {
    return seg instanceof StringValue s && s.value().equals("-");
  }

  /** An array index below {@code limit}: a number, or decimal digits without leading zeros. */
  private static int index(Value seg, int limit) throws NotApplicable {
    long i;
    if (seg instanceof NumberValue n && n.fitsLong()) {
      i = n.longValue();
    } else if (seg instanceof StringValue s && s.value().matches("0|[1-9][0-9]{0,9}")) {
      i = Long.parseLong(s.value());
    } else {
      throw new NotApplicable();
    }
    if (i < 0 || i >= limit) {
      throw new NotApplicable();
    }
    return (int) i;
  }
}
