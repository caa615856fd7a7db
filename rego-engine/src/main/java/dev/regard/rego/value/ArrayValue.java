package dev.regard.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/** An immutable ordered sequence of values; arrays order element by element, then by length. */
public final class ArrayValue implements Value {
  public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

  private final Value[] elements;
  private int hash;

  private ArrayValue(Value[] elements) {
    this.elements = elements;
  }

  public static ArrayValue of(Value... elements) {
    return elements.length == 0 ? EMPTY : new ArrayValue(elements.clone());
  }

  public static ArrayValue of(Collection<? extends Value> elements) {
    return elements.isEmpty() ? EMPTY : new ArrayValue(elements.toArray(new Value[0]));
  }

  /** Wraps an array the caller hands over and never touches again. */
  static ArrayValue wrap(Value[] elements) {
    return elements.length == 0 ? EMPTY : new ArrayValue(elements);
  }

  public int size() {
    return elements.length;
  }

  public boolean isEmpty() {
    return elements.length == 0;
  }

  public Value get(int index) {
    return elements[index];
  }

  /** A read-only view of the elements. */
  public List<Value> elements() {
    return new View(elements);
  }

  @Override
  public int typeOrder() {
    return 4;
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public int compareSameType(Value other) {
    Value[] o = ((ArrayValue) other).elements;
    int n = Math.min(elements.length, o.length);
    for (int i = 0; i < n; i++) {
      int c = elements[i].compareTo(o[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(elements.length, o.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayValue a
        && (a == this || (a.hashCode() == hashCode() && Arrays.equals(elements, a.elements)));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(elements);
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  @Override
  public String toString() {
    return Json.write(this);
  }

  private static final class View extends AbstractList<Value> implements RandomAccess {
    private final Value[] elements;

    View(Value[] elements) {
      this.elements = elements;
    }

    @Override
    public Value get(int index) {
      return elements[index];
    }

    @Override
    public int size() {
      return elements.length;
    }
  }
}
