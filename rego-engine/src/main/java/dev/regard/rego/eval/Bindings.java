package dev.regard.rego.eval;

import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Variable bindings of one body evaluation, with a trail so that backtracking can undo them. */
final class Bindings {
  private final Map<String, Value> values = new HashMap<>();
  private final List<String> trail = new ArrayList<>();

  Value get(String name) {
    return values.get(name);
  }

  void bind(String name, Value value) {
    values.put(name, value);
    trail.add(name);
  }

  int mark() {
    return trail.size();
  }

  void undo(int mark) {
    for (int i = trail.size() - 1; i >= mark; i--) {
      values.remove(trail.remove(i));
    }
  }
}
