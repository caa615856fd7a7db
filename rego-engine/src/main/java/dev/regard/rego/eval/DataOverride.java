package dev.regard.rego.eval;

import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replacements of parts of {@code data} made with {@code with data.x.y as v}: a tree of paths, a
 * node carrying a value replaces everything below it.
 */
record DataOverride(Value value, Map<Value, DataOverride> children) {
  DataOverride child(Value key) {
    return children.get(key);
  }

  /** A new tree with {@code value} placed at {@code path} on top of {@code base} (may be null). */
  static DataOverride with(DataOverride base, List<Value> path, Value value) {
    return with(base, path, 0, value);
  }

  private static DataOverride with(DataOverride base, List<Value> path, int i, Value value) {
    if (i == path.size()) {
      return new DataOverride(value, Map.of());
    }
    if (base != null && base.value() != null) {
      return new DataOverride(WithModifiers.put(base.value(), path, i, value), Map.of());
    }
    Map<Value, DataOverride> children = new HashMap<>(base == null ? Map.of() : base.children());
    children.put(path.get(i), with(children.get(path.get(i)), path, i + 1, value));
    return new DataOverride(null, Map.copyOf(children));
  }

  /** Applies the replacements below this node to a computed document. */
  Value applyTo(Value doc) {
    if (value != null) {
      return value;
    }
    ObjectValue obj = doc instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    for (Map.Entry<Value, DataOverride> e : children.entrySet()) {
      obj = obj.with(e.getKey(), e.getValue().applyTo(obj.get(e.getKey())));
    }
    return obj;
  }
}
