package dev.regard.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable object. Keys may be any value, as in Rego. Entries are kept sorted by key in OPA's
 * order, so iteration and printing are deterministic; large objects also keep a hash index.
 */
public final class ObjectValue implements Value {
  public static final ObjectValue EMPTY = new ObjectValue(new Value[0], new Value[0]);
  private static final int INDEX_THRESHOLD = 8;

  private final Value[] keys; // sorted, distinct
  private final Value[] values; // aligned with keys
  private final Map<Value, Value> index; // null for small objects
  private int hash;

  private ObjectValue(Value[] keys, Value[] values) {
    this.keys = keys;
    this.values = values;
    if (keys.length > INDEX_THRESHOLD) {
      index = new HashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) {
        index.put(keys[i], values[i]);
      }
    } else {
      index = null;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** An object from a map; with equal keys the later entry wins. */
  public static ObjectValue of(Map<? extends Value, ? extends Value> entries) {
    Builder b = builder();
    entries.forEach(b::put);
    return b.build();
  }

  public static ObjectValue of(Value key, Value value) {
    return new ObjectValue(new Value[] {key}, new Value[] {value});
  }

  public int size() {
    return keys.length;
  }

  public boolean isEmpty() {
    return keys.length == 0;
  }

  /** The value under {@code key}, or null when there is none. */
  public Value get(Value key) {
    if (index != null) {
      return index.get(key);
    }
    if (key instanceof StringValue s) {
      // Keys are mostly strings: compared by identity (interned constants and Shape keys) or by
      // their cached hashes before their characters.
      String k = s.value();
      int hash = k.hashCode();
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] instanceof StringValue other) {
          String o = other.value();
          if (o == k || (o.hashCode() == hash && o.equals(k))) {
            return values[i];
          }
        }
      }
      return null;
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  public Value get(String key) {
    return get(StringValue.of(key));
  }

  public boolean containsKey(Value key) {
    return get(key) != null;
  }

  /** Keys in OPA's order, as a read-only list. */
  public List<Value> keys() {
    return view(keys);
  }

  /** Values in key order, as a read-only list. */
  public List<Value> values() {
    return view(values);
  }

  public Value keyAt(int i) {
    return keys[i];
  }

  public Value valueAt(int i) {
    return values[i];
  }

  /** A copy of this object with {@code key} set to {@code value}. */
  public ObjectValue with(Value key, Value value) {
    Builder b = toBuilder();
    b.put(key, value);
    return b.build();
  }

  public Builder toBuilder() {
    Builder b = builder();
    for (int i = 0; i < keys.length; i++) {
      b.put(keys[i], values[i]);
    }
    return b;
  }

  private static List<Value> view(Value[] array) {
    return new AbstractList<>() {
      @Override
      public Value get(int i) {
        return array[i];
      }

      @Override
      public int size() {
        return array.length;
      }
    };
  }

  @Override
  public int typeOrder() {
    return 5;
  }

  @Override
  public String typeName() {
    return "object";
  }

  @Override
  public int compareSameType(Value other) {
    ObjectValue o = (ObjectValue) other;
    int n = Math.min(keys.length, o.keys.length);
    for (int i = 0; i < n; i++) {
      int c = keys[i].compareTo(o.keys[i]);
      if (c != 0) {
        return c;
      }
      c = values[i].compareTo(o.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(keys.length, o.keys.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectValue v
        && (v == this || (v.hashCode() == hashCode() && compareSameType(v) == 0));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  @Override
  public String toString() {
    return Json.write(this);
  }

  /**
   * Fixed distinct string keys, sorted once, for building many objects with the same keys without
   * hashing or sorting each time. Immutable and thread-safe.
   */
  public static final class Shape {
    private final Value[] keys; // sorted
    private final int[] positions; // the sorted position of each key as given

    private Shape(String... given) {
      Builder b = builder();
      for (String k : given) {
        // Interned, as string constants in policies are (Term.Scalar): lookups match by identity.
        b.put(k.intern(), NullValue.INSTANCE);
      }
      ObjectValue sorted = b.build();
      if (sorted.size() != given.length) {
        throw new IllegalArgumentException("keys must be distinct: " + Arrays.toString(given));
      }
      keys = sorted.keys;
      positions = new int[given.length];
      for (int i = 0; i < given.length; i++) {
        positions[i] = Arrays.binarySearch(keys, StringValue.of(given[i]));
      }
    }

    public static Shape of(String... keys) {
      return new Shape(keys);
    }

    /** The object with these keys and the values given in the keys' order. */
    public ObjectValue with(Value... values) {
      if (values.length != positions.length) {
        throw new IllegalArgumentException(
            positions.length + " values expected, not " + values.length);
      }
      Value[] v = new Value[values.length];
      for (int i = 0; i < values.length; i++) {
        v[positions[i]] = Objects.requireNonNull(values[i]);
      }
      return new ObjectValue(keys, v);
    }
  }

  /** Collects entries; with equal keys the later entry wins. Not thread-safe. */
  public static final class Builder {
    private final HashMap<Value, Value> entries = new HashMap<>();

    public Builder put(Value key, Value value) {
      entries.put(key, value);
      return this;
    }

    public Builder put(String key, Value value) {
      return put(StringValue.of(key), value);
    }

    /** The value already collected under {@code key}, or null. */
    public Value get(Value key) {
      return entries.get(key);
    }

    public Builder remove(Value key) {
      entries.remove(key);
      return this;
    }

    public int size() {
      return entries.size();
    }

    public ObjectValue build() {
      if (entries.isEmpty()) {
        return EMPTY;
      }
      Value[] k = entries.keySet().toArray(new Value[0]);
      Arrays.sort(k);
      Value[] v = new Value[k.length];
      for (int i = 0; i < k.length; i++) {
        v[i] = entries.get(k[i]);
      }
      return new ObjectValue(k, v);
    }
  }
}
