package dev.regard.rego.value;

/**
 * A ground Rego value. Values are immutable, safe to share between threads, and totally ordered the
 * way OPA orders them: null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set.
 * {@link #equals} and {@link #hashCode} agree with {@link #compareTo}, so {@code 1} and {@code 1.0}
 * are the same value, as in OPA.
 */
public sealed interface Value extends Comparable<Value>
    permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

  /** Position of this value's type in OPA's cross-type order. */
  int typeOrder();

  /** OPA's name for this value's type, as {@code type_name} returns it. */
  String typeName();

  /** Compares two values of the same type; only called when the type orders are equal. */
  int compareSameType(Value other);

  @Override
  default int compareTo(Value other) {
    int byType = Integer.compare(typeOrder(), other.typeOrder());
    return byType != 0 ? byType : compareSameType(other);
  }

  /** This value as compact JSON text, as OPA would print it (sets become arrays). */
  default String toJson() {
    return Json.write(this);
  }
}
