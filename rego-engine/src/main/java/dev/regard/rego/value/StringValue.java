package dev.regard.rego.value;

/**
 * A Unicode string. Strings order by code point, which is the byte order of UTF-8 that OPA uses.
 */
public final class StringValue implements Value {
  public static final StringValue EMPTY = new StringValue("");

  private final String value;

  private StringValue(String value) {
    this.value = value;
  }

  public static StringValue of(String value) {
    return value.isEmpty() ? EMPTY : new StringValue(value);
  }

  public String value() {
    return value;
  }

  @Override
  public int typeOrder() {
    return 3;
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public int compareSameType(Value other) {
    return compareCodePoints(value, ((StringValue) other).value);
  }

  /** Compares by Unicode code point (UTF-8 byte order), unlike {@link String#compareTo}. */
  public static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return Character.compare(ca, cb);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StringValue s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
