package dev.regard.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable set of values. Elements are kept in OPA's order, so iteration, printing and
 * comparison are deterministic; large sets also keep a hash index for membership tests.
 */
public final class SetValue implements Value {
  public static final SetValue EMPTY = new SetValue(new Value[0]);
  private static final int INDEX_THRESHOLD = 8;

  private final Value[] sorted;
  private final Set<Value> index; // null for small sets, searched by binary search instead
  private int hash;

  private SetValue(Value[] sorted) {
    this.sorted = sorted;
    this.index = sorted.length > INDEX_THRESHOLD ? new HashSet<>(Arrays.asList(sorted)) : null;
  }

  public static SetValue of(Value... elements) {
    return of(Arrays.asList(elements));
  }

  public static SetValue of(Collection<? extends Value> elements) {
    if (elements.isEmpty()) {
      return EMPTY;
    }
    Value[] copy = elements.toArray(new Value[0]);
    Arrays.sort(copy);
    int n = 1;
    for (int i = 1; i < copy.length; i++) {
      if (copy[i].compareTo(copy[n - 1]) != 0) {
        copy[n++] = copy[i];
      }
    }
    return new SetValue(n == copy.length ? copy : Arrays.copyOf(copy, n));
  }

  public int size() {
    return sorted.length;
  }

  public boolean isEmpty() {
    return sorted.length == 0;
  }

  public boolean contains(Value v) {
    if (index != null) {
      return index.contains(v);
    }
    return Arrays.binarySearch(sorted, v) >= 0;
  }

  /** The elements in OPA's order, as a read-only list. */
  public List<Value> elements() {
    Value[] s = sorted;
    return new AbstractList<>() {
      @Override
      public Value get(int i) {
        return s[i];
      }

      @Override
      public int size() {
        return s.length;
      }
    };
  }

  public SetValue union(SetValue other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    java.util.ArrayList<Value> all = new java.util.ArrayList<>(size() + other.size());
    all.addAll(elements());
    all.addAll(other.elements());
    return of(all);
  }

  public SetValue intersection(SetValue other) {
    java.util.ArrayList<Value> kept = new java.util.ArrayList<>();
    SetValue small = size() <= other.size() ? this : other;
    SetValue large = small == this ? other : this;
    for (Value v : small.sorted) {
      if (large.contains(v)) {
        kept.add(v);
      }
    }
    return kept.size() == small.size() ? small : wrapSorted(kept);
  }

  public SetValue difference(SetValue other) {
    java.util.ArrayList<Value> kept = new java.util.ArrayList<>();
    for (Value v : sorted) {
      if (!other.contains(v)) {
        kept.add(v);
      }
    }
    return kept.size() == size() ? this : wrapSorted(kept);
  }

  private static SetValue wrapSorted(List<Value> alreadySortedDistinct) {
    return alreadySortedDistinct.isEmpty()
        ? EMPTY
        : new SetValue(alreadySortedDistinct.toArray(new Value[0]));
  }

  @Override
  public int typeOrder() {
    return 6;
  }

  @Override
  public String typeName() {
    return "set";
  }

  @Override
  public int compareSameType(Value other) {
    Value[] o = ((SetValue) other).sorted;
    int n = Math.min(sorted.length, o.length);
    for (int i = 0; i < n; i++) {
      int c = sorted[i].compareTo(o[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(sorted.length, o.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SetValue s
        && (s == this || (s.hashCode() == hashCode() && compareSameType(s) == 0));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(sorted) ^ 0x5e7;
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
