package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Value;
import java.util.function.IntPredicate;

/**
 * OPA's comparison operators. Any two values compare, by OPA's total order across types, so these
 * never fail: {@code 1 < "a"} is true because numbers sort before strings.
 */
final class ComparisonBuiltins {
  private ComparisonBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    // Equality by equals, which agrees with the order (Value) and finds most answers without
    // comparing contents: by identity, by type or by a cached hash.
    b.add("equal", fn(B, A, A), (ctx, a) -> BooleanValue.of(a[0].equals(a[1])));
    b.add("neq", fn(B, A, A), (ctx, a) -> BooleanValue.of(!a[0].equals(a[1])));
    add(b, "lt", c -> c < 0);
    add(b, "lte", c -> c <= 0);
    add(b, "gt", c -> c > 0);
    add(b, "gte", c -> c >= 0);
  }

  private static void add(BuiltinRegistry.Builder b, String name, IntPredicate holds) {
    b.add(name, fn(B, A, A), (ctx, a) -> BooleanValue.of(holds.test(compare(a[0], a[1]))));
  }

  private static int compare(Value x, Value y) {
    return x.compareTo(y);
  }
}
