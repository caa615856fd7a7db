package dev.regard.rego.types;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Constructors and operations on {@link Type}s with OPA's meaning: {@link #or} (union), {@link
 * #unifies} (two types can describe one value), {@link #keys} and {@link #values} of a collection,
 * {@link #select} of a constant key. A null type means "not known yet" (an unbound variable).
 */
public final class Types {
  public static final Type A = new Type.Any(List.of());
  public static final Type N = new Type.Num();
  public static final Type S = new Type.Str();
  public static final Type B = new Type.Bool();
  public static final Type NL = new Type.Null();

  private static final List<Class<?>> KINDS =
      List.of(
          Type.Null.class,
          Type.Bool.class,
          Type.Num.class,
          Type.Str.class,
          Type.Array.class,
          Type.Obj.class,
          Type.SetOf.class,
          Type.Any.class,
          Type.Function.class);

  private Types() {}

  /** The union of the members, in OPA's type order. */
  public static Type any(Type... members) {
    Type out = null;
    for (Type t : members) {
      out = out == null ? t : or(out, t);
    }
    return members.length == 0 ? A : out;
  }

  public static Type arrayOf(Type element) {
    return new Type.Array(List.of(), element);
  }

  public static Type tuple(Type... elements) {
    return new Type.Array(List.of(elements), null);
  }

  public static Type setOf(Type element) {
    return new Type.SetOf(element);
  }

  public static Type objectOf(Type key, Type value) {
    return new Type.Obj(Map.of(), key, value);
  }

  /** An object with the given string keys and no others. */
  public static Type object(Map<String, Type> properties) {
    Map<Value, Type> statics = new LinkedHashMap<>();
    properties.forEach((k, v) -> statics.put(StringValue.of(k), v));
    return new Type.Obj(statics, null, null);
  }

  /** A function of the given argument types, its arguments unnamed. */
  public static Type.Function fn(List<Type> args, Type result) {
    return new Type.Function(args, List.of(), result);
  }

  /** A function taking {@code arity} arguments of any type and returning any value. */
  public static Type.Function untyped(int arity) {
    List<Type> args = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      args.add(A);
    }
    return fn(args, A);
  }

  /** The type of a constant value. */
  public static Type of(Value v) {
    if (v instanceof NullValue) {
      return NL;
    } else if (v instanceof BooleanValue) {
      return B;
    } else if (v instanceof NumberValue) {
      return N;
    } else if (v instanceof StringValue) {
      return S;
    } else if (v instanceof ArrayValue a) {
      List<Type> items = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        items.add(of(a.get(i)));
      }
      return new Type.Array(items, null);
    } else if (v instanceof ObjectValue o) {
      Map<Value, Type> statics = new LinkedHashMap<>();
      for (int i = 0; i < o.size(); i++) {
        statics.put(o.keyAt(i), of(o.valueAt(i)));
      }
      return new Type.Obj(statics, null, null);
    } else if (v instanceof SetValue s) {
      Type elem = null;
      for (Value e : s.elements()) {
        elem = elem == null ? of(e) : or(elem, of(e));
      }
      return setOf(elem == null ? A : elem);
    }
    throw new IllegalStateException("unknown value " + v);
  }

  /** The union of two types; the top type absorbs everything. */
  public static Type or(Type a, Type b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    if (isTop(a) || isTop(b)) {
      return A;
    }
    List<Type> members = new ArrayList<>();
    addMembers(members, a);
    addMembers(members, b);
    if (members.size() == 1) {
      return members.get(0);
    }
    members.sort(Types::compare); // OPA keeps a union's members in its type order
    return new Type.Any(members);
  }

  /**
   * OPA's order of types: null, boolean, number, string, array, object, set, any, function; within
   * a kind, by the parts (an open array or object after a closed one).
   */
  public static int compare(Type a, Type b) {
    int c = Integer.compare(order(a), order(b));
    if (c != 0 || a == null) {
      return c;
    }
    if (a instanceof Type.Array x && b instanceof Type.Array y) {
      c = compareOpen(x.dynamic(), y.dynamic());
      return c != 0 ? c : compareLists(x.statics(), y.statics());
    } else if (a instanceof Type.Obj x && b instanceof Type.Obj y) {
      c = compareOpen(x.dynamicKey(), y.dynamicKey());
      if (c == 0 && x.dynamicValue() != null && y.dynamicValue() != null) {
        c = compare(x.dynamicValue(), y.dynamicValue());
      }
      if (c != 0) {
        return c;
      }
      var xs = x.statics().entrySet().iterator();
      var ys = y.statics().entrySet().iterator();
      while (xs.hasNext() && ys.hasNext()) {
        var xe = xs.next();
        var ye = ys.next();
        c = xe.getKey().compareTo(ye.getKey());
        if (c == 0) {
          c = compare(xe.getValue(), ye.getValue());
        }
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.statics().size(), y.statics().size());
    } else if (a instanceof Type.SetOf x && b instanceof Type.SetOf y) {
      return compare(x.of(), y.of());
    } else if (a instanceof Type.Any x && b instanceof Type.Any y) {
      return compareLists(x.of(), y.of());
    } else if (a instanceof Type.Function x && b instanceof Type.Function y) {
      c = compareLists(x.args(), y.args());
      return c != 0 ? c : compare(x.result(), y.result());
    }
    return 0;
  }

  private static int compareOpen(Type x, Type y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    return compare(x, y);
  }

  private static int compareLists(List<Type> a, List<Type> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int order(Type t) {
    if (t == null) {
      return -1;
    }
    return KINDS.indexOf(t.getClass());
  }

  private static void addMembers(List<Type> out, Type t) {
    if (t instanceof Type.Any any) {
      any.of().forEach(m -> addMembers(out, m));
    } else if (!out.contains(t)) {
      out.add(t);
    }
  }

  public static boolean isTop(Type t) {
    return t instanceof Type.Any any && any.of().isEmpty();
  }

  /** Whether a value can have both types (OPA's {@code unifies}); unknown types never unify. */
  public static boolean unifies(Type a, Type b) {
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Type.Any any && unifiesAny(any, b)) {
      return true;
    }
    if (b instanceof Type.Any any && unifiesAny(any, a)) {
      return true;
    }
    if (a instanceof Type.Any || b instanceof Type.Any) {
      return false;
    }
    if (a instanceof Type.Array x && b instanceof Type.Array y) {
      return arraysStatic(x, y)
          && arraysStatic(y, x)
          && (x.dynamic() == null || y.dynamic() == null || unifies(x.dynamic(), y.dynamic()));
    }
    if (a instanceof Type.Obj x && b instanceof Type.Obj y) {
      return objectsStatic(x, y)
          && objectsStatic(y, x)
          && (x.dynamicValue() == null
              || y.dynamicValue() == null
              || unifies(x.dynamicValue(), y.dynamicValue()));
    }
    if (a instanceof Type.SetOf x && b instanceof Type.SetOf y) {
      return unifies(x.of(), y.of());
    }
    if (a instanceof Type.Function x && b instanceof Type.Function y) {
      if (x.arity() != y.arity()) {
        return false;
      }
      for (int i = 0; i < x.arity(); i++) {
        if (!unifies(x.args().get(i), y.args().get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.getClass() == b.getClass() && !(a instanceof Type.Function);
  }

  private static boolean unifiesAny(Type.Any any, Type other) {
    if (other instanceof Type.Function) {
      return false;
    }
    if (any.of().isEmpty()) {
      return true;
    }
    for (Type m : any.of()) {
      if (unifies(m, other)) {
        return true;
      }
    }
    return false;
  }

  private static boolean arraysStatic(Type.Array a, Type.Array b) {
    for (int i = 0; i < a.statics().size(); i++) {
      if (!unifies(a.statics().get(i), select(b, NumberValue.of(i)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean objectsStatic(Type.Obj a, Type.Obj b) {
    for (Map.Entry<Value, Type> e : a.statics().entrySet()) {
      if (!unifies(e.getValue(), select(b, e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The type of the keys of a collection (arrays: number), or null for a non-collection. */
  public static Type keys(Type t) {
    if (t instanceof Type.Array) {
      return N;
    } else if (t instanceof Type.Obj o) {
      Type out = o.dynamicKey();
      for (Value k : o.statics().keySet()) {
        out = or(out, of(k));
      }
      return out == null ? A : out;
    } else if (t instanceof Type.SetOf s) {
      return s.of();
    } else if (t instanceof Type.Any any) {
      return overMembers(any, Types::keys);
    }
    return null;
  }

  /** The type of the values of a collection, or null for a non-collection. */
  public static Type values(Type t) {
    if (t instanceof Type.Array a) {
      Type out = a.dynamic();
      for (Type s : a.statics()) {
        out = or(out, s);
      }
      return out == null ? A : out;
    } else if (t instanceof Type.Obj o) {
      Type out = o.dynamicValue();
      for (Type v : o.statics().values()) {
        out = or(out, v);
      }
      return out == null ? A : out;
    } else if (t instanceof Type.SetOf s) {
      return s.of();
    } else if (t instanceof Type.Any any) {
      return overMembers(any, Types::values);
    }
    return null;
  }

  /**
   * The union of {@code part} over a union's members, skipping members it does not apply to; any
   * type for the unconstrained {@code any}, null when no member applies.
   */
  private static Type overMembers(Type.Any any, java.util.function.UnaryOperator<Type> part) {
    if (any.of().isEmpty()) {
      return A;
    }
    Type out = null;
    for (Type m : any.of()) {
      Type p = part.apply(m);
      if (p != null) {
        out = or(out, p);
      }
    }
    return out;
  }

  /** The type under a constant key, or null when the type rules the key out. */
  public static Type select(Type t, Value key) {
    if (t instanceof Type.Array a) {
      if (!(key instanceof NumberValue n)) {
        return null;
      }
      java.util.OptionalInt index = n.intValue();
      if (index.isEmpty()) {
        return null;
      }
      int i = index.getAsInt();
      if (i >= 0 && i < a.statics().size()) {
        return a.statics().get(i);
      }
      return i >= 0 ? a.dynamic() : null;
    } else if (t instanceof Type.Obj o) {
      Type v = o.statics().get(key);
      if (v != null) {
        return v;
      }
      return o.dynamicValue() != null && unifies(o.dynamicKey(), of(key)) ? o.dynamicValue() : null;
    } else if (t instanceof Type.SetOf s) {
      return unifies(s.of(), of(key)) ? s.of() : null;
    } else if (t instanceof Type.Any any) {
      if (any.of().isEmpty()) {
        return A;
      }
      Type out = null;
      for (Type m : any.of()) {
        Type v = select(m, key);
        if (v != null) {
          out = or(out, v);
        }
      }
      return out;
    }
    return null;
  }

  /** OPA's text for a type. */
  public static String sprint(Type t) {
    if (t == null) {
      return "???";
    }
    if (t instanceof Type.Any any) {
      if (any.of().isEmpty()) {
        return "any";
      }
      StringJoiner j = new StringJoiner(", ", "any<", ">");
      any.of().forEach(m -> j.add(sprint(m)));
      return j.toString();
    } else if (t instanceof Type.Array a) {
      StringBuilder sb = new StringBuilder("array");
      if (!a.statics().isEmpty()) {
        StringJoiner j = new StringJoiner(", ", "<", ">");
        a.statics().forEach(s -> j.add(sprint(s)));
        sb.append(j);
      }
      if (a.dynamic() != null) {
        sb.append('[').append(sprint(a.dynamic())).append(']');
      }
      return sb.toString();
    } else if (t instanceof Type.Obj o) {
      StringBuilder sb = new StringBuilder("object");
      if (!o.statics().isEmpty()) {
        StringJoiner j = new StringJoiner(", ", "<", ">");
        o.statics().forEach((k, v) -> j.add(keyText(k) + ": " + sprint(v)));
        sb.append(j);
      }
      if (o.dynamicValue() != null) {
        sb.append('[')
            .append(sprint(o.dynamicKey()))
            .append(": ")
            .append(sprint(o.dynamicValue()))
            .append(']');
      }
      return sb.toString();
    } else if (t instanceof Type.SetOf s) {
      return "set[" + sprint(s.of()) + "]";
    } else if (t instanceof Type.Function f) {
      StringJoiner j = new StringJoiner(", ", "(", ")");
      f.args().forEach(a -> j.add(sprint(a)));
      return j + " => " + sprint(f.result());
    }
    return t.toString();
  }

  /**
   * The arguments and then the result of a function as OPA lists what a call wants, each with its
   * name where the function names it: {@code (collection: any<string, ...>, n: number)}.
   */
  public static String sprintWant(Type.Function f) {
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (int i = 0; i <= f.arity(); i++) {
      Type t = i < f.arity() ? f.args().get(i) : f.result();
      String name = f.names().isEmpty() ? "" : f.names().get(i);
      j.add(name.isEmpty() ? sprint(t) : name + ": " + sprint(t));
    }
    return j.toString();
  }

  /** An object key as OPA prints it in a type: strings bare, other values as JSON. */
  public static String keyText(Value k) {
    return k instanceof StringValue s ? s.value() : k.toJson();
  }
}
