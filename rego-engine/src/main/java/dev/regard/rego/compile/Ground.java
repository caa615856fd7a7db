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

  /**
   * What keeps a term from being a {@code default} rule's value, as OPA names it ({@code var},
   * {@code ref} or {@code call}), or null; comprehensions are closures and may hold anything.
   */
  public static String openPart(Term t) {
    if (t instanceof Term.Var) {
      return "var";
    } else if (t instanceof Term.Ref) {
      return "ref";
    } else if (t instanceof Term.Call) {
      return "call";
    } else if (t instanceof Term.ArrayTerm a) {
      return openPart(a.items());
    } else if (t instanceof Term.SetTerm s) {
      return openPart(s.items());
    } else if (t instanceof Term.ObjectTerm o) {
      for (Term.Entry e : o.entries()) {
        String k = openPart(e.key());
        String part = k != null ? k : openPart(e.value());
        if (part != null) {
          return part;
        }
      }
    }
    return null;
  }

  private static String openPart(List<Term> terms) {
    for (Term t : terms) {
      String part = openPart(t);
      if (part != null) {
        return part;
      }
    }
    return null;
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
