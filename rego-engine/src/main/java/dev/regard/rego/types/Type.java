package dev.regard.rego.types;

import dev.regard.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * The static type of a Rego value, as OPA's type checker models it. {@link Any} with no members is
 * the top type; with members it is their union. Printing follows OPA ({@code array[number]}, {@code
 * object<a: string>[string: any]}, {@code any<number, string>}).
 */
public sealed interface Type
    permits Type.Any,
        Type.Null,
        Type.Bool,
        Type.Num,
        Type.Str,
        Type.Array,
        Type.Obj,
        Type.SetOf,
        Type.Function {

  /** The top type (no members) or a union of its members. */
  record Any(List<Type> of) implements Type {
    public Any {
      of = List.copyOf(of);
    }

    @Override
    public String toString() {
      return Types.sprint(this);
    }
  }

  /** The type of {@code null}. */
  record Null() implements Type {
    @Override
    public String toString() {
      return "null";
    }
  }

  /** The type of {@code true} and {@code false}. */
  record Bool() implements Type {
    @Override
    public String toString() {
      return "boolean";
    }
  }

  /** The type of numbers. */
  record Num() implements Type {
    @Override
    public String toString() {
      return "number";
    }
  }

  /** The type of strings. */
  record Str() implements Type {
    @Override
    public String toString() {
      return "string";
    }
  }

  /** Arrays: a type for each of the first {@code statics} elements, then {@code dynamic}. */
  record Array(List<Type> statics, Type dynamic) implements Type {
    public Array {
      statics = List.copyOf(statics);
    }

    @Override
    public String toString() {
      return Types.sprint(this);
    }
  }

  /**
   * Objects: a type for each known key ({@code statics}, in key order), and the key and value types
   * of any other keys ({@code dynamicKey}, {@code dynamicValue}; both null when the object has only
   * the known keys).
   */
  record Obj(Map<Value, Type> statics, Type dynamicKey, Type dynamicValue) implements Type {
    public Obj {
      statics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(statics));
    }

    @Override
    public String toString() {
      return Types.sprint(this);
    }
  }

  /** Sets of {@code of}. */
  record SetOf(Type of) implements Type {
    @Override
    public String toString() {
      return Types.sprint(this);
    }
  }

  /**
   * A function: argument types, the result type, and the names OPA gives the arguments and then the
   * result ({@code names} is empty, or has one entry per argument plus one for the result; {@code
   * ""} leaves one unnamed). Names only appear in messages.
   */
  record Function(List<Type> args, List<String> names, Type result) implements Type {
    public Function {
      args = List.copyOf(args);
      names = List.copyOf(names);
      if (!names.isEmpty() && names.size() != args.size() + 1) {
        throw new IllegalArgumentException("need a name per argument and one for the result");
      }
    }

    public int arity() {
      return args.size();
    }

    /** This function with the given argument and result names. */
    public Function named(List<String> argumentAndResultNames) {
      return new Function(args, argumentAndResultNames, result);
    }

    @Override
    public String toString() {
      return Types.sprint(this);
    }
  }
}
