package dev.regard.rego.compile;

import dev.regard.rego.ast.Term;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Converts terms made only of constants into values. */
public final class Ground {
  private Ground() {}

  /** The value of a constant term, or null when the term has variables, references or calls. */
  public static Value value(Term t) {
    if (t instanceof Term.Scalar s) {
      return s.value();
    } else if (t instanceof Term.ArrayTerm a) {
      List<Value> items = values(a.items());
      return items == null ? null : ArrayValue.of(items);
    } else if (t instanceof Term.SetTerm s) {
      List<Value> items = values(s.items());
      return items == null ? null : SetValue.of(items);
    } else if (t instanceof Term.ObjectTerm o) {
      ObjectValue.Builder b = ObjectValue.builder();
      for (Term.Entry e : o.entries()) {
        Value k = value(e.key());
        Value v = value(e.value());
        if (k == null || v == null) {
          return null;
        }
        b.put(k, v);
      }
      return b.build();
    } else {
      return null;
    }
  }

  private static List<Value> values(List<Term> terms) {
    List<Value> out = new ArrayList<>(terms.size());
    for (Term t : terms) {
      Value v = value(t);
      if (v == null) {
        return null;
      }
      out.add(v);
    }
    return out;
  }
}
