package dev.regard.rego.ast;

import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.List;

/** A Rego term: a scalar, a variable, a reference, a composite, a call or a comprehension. */
public sealed interface Term
    permits Term.Scalar,
        Term.Var,
        Term.Ref,
        Term.ArrayTerm,
        Term.SetTerm,
        Term.ObjectTerm,
        Term.Call,
        Term.ArrayCompr,
        Term.SetCompr,
        Term.ObjectCompr {

  Location location();

  /** A constant: null, boolean, number or string. */
  record Scalar(Value value, Location location) implements Term {
    public Scalar {
      // Short strings, such as the keys of references, interned: compared with the keys of
      // documents laid out the same way (ObjectValue.Shape), equality is then found by identity.
      if (value instanceof StringValue s && s.value().length() <= MAX_INTERNED) {
        value = StringValue.of(s.value().intern());
      }
    }
  }

  /** The longest string constant interned. */
  int MAX_INTERNED = 64;

  /**
   * A variable. Wildcards ({@code _}) and compiler-made variables have names starting with {@code
   * $}; they never appear in query results.
   */
  record Var(String name, Location location) implements Term {
    public Var {
      // One instance per name, so that bindings find a variable by identity.
      name = name.intern();
    }

    public boolean generated() {
      return name.startsWith("$");
    }
  }

  /** A reference: a head term (usually a variable) followed by path terms. */
  record Ref(Term head, List<Term> path, Location location) implements Term {
    public Ref {
      path = List.copyOf(path);
    }
  }

  /** An array literal. */
  record ArrayTerm(List<Term> items, Location location) implements Term {
    public ArrayTerm {
      items = List.copyOf(items);
    }
  }

  /** A set literal. */
  record SetTerm(List<Term> items, Location location) implements Term {
    public SetTerm {
      items = List.copyOf(items);
    }
  }

  /** An object literal. */
  record ObjectTerm(List<Entry> entries, Location location) implements Term {
    public ObjectTerm {
      entries = List.copyOf(entries);
    }
  }

  /** One key-value pair of an object literal or object comprehension. */
  record Entry(Term key, Term value) {}

  /**
   * A call. {@code name} is a dotted name: a builtin such as {@code count} or, once compiled, a
   * function's full path such as {@code data.pkg.f}. One argument more than the function's arity is
   * an output argument.
   */
  record Call(String name, List<Term> args, Location location) implements Term {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code [head | body]}. */
  record ArrayCompr(Term head, List<Literal> body, Location location) implements Term {
    public ArrayCompr {
      body = List.copyOf(body);
    }
  }

  /** {@code {head | body}}. */
  record SetCompr(Term head, List<Literal> body, Location location) implements Term {
    public SetCompr {
      body = List.copyOf(body);
    }
  }

  /** {@code {key: value | body}}. */
  record ObjectCompr(Term key, Term value, List<Literal> body, Location location) implements Term {
    public ObjectCompr {
      body = List.copyOf(body);
    }
  }
}
