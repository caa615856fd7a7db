package dev.regard.kafka.principal;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Group, role or scope names as policies, tokens and serialized principals carry them. */
public final class Memberships {
  private Memberships() {}

  /** A string or a collection of strings; anything else contributes nothing. */
  public static Set<String> strings(Value value) {
    Set<String> out = new LinkedHashSet<>();
    if (value instanceof StringValue s) {
      out.add(s.value());
    } else if (value instanceof ArrayValue a) {
      addStrings(a.elements(), out);
    } else if (value instanceof SetValue s) {
      addStrings(s.elements(), out);
    }
    return out;
  }

  private static void addStrings(List<Value> values, Set<String> out) {
    for (Value v : values) {
      if (v instanceof StringValue s) {
        out.add(s.value());
      }
    }
  }
}
