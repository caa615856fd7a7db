package dev.regard.rego.eval;

import dev.regard.rego.value.Value;
import java.util.Arrays;

/**
 * Variable bindings of one body evaluation, kept as a stack so that backtracking undoes them by
 * popping. Bodies bind few variables, so a linear scan beats hashing; a name is bound at most once
 * at a time because only unbound variables are bound. Names are compared by identity: they are the
 * interned names of {@link dev.regard.rego.ast.Term.Var}s.
 */
final class Bindings {
  private static final String[] NO_NAMES = {};
  private static final Value[] NO_VALUES = {};

  // Allocated on the first binding: many rule bodies bind nothing.
  private String[] names = NO_NAMES;
  private Value[] values = NO_VALUES;
  private int size;

  Value get(String name) {
    for (int i = size - 1; i >= 0; i--) {
      // Names are those of variables, which are interned (Term.Var): identity decides.
      if (names[i] == name) {
        return values[i];
      }
    }
    return null;
  }

  void bind(String name, Value value) {
    if (size == names.length) {
      int capacity = Math.max(8, size * 2);
      names = Arrays.copyOf(names, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    names[size] = name;
    values[size] = value;
    size++;
  }

  int mark() {
    return size;
  }

  void undo(int mark) {
    for (int i = size - 1; i >= mark; i--) {
      names[i] = null;
      values[i] = null;
    }
    size = Math.min(size, mark);
  }
}
