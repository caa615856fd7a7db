package dev.regard.rego.builtins;

import dev.regard.rego.types.Type;
import dev.regard.rego.types.Types;
import java.util.List;

/**
 * Short names for writing builtin signatures as OPA declares them, e.g. {@code fn(N, S, S)} for a
 * function of two strings returning a number: the result comes first, then the arguments.
 */
final class Signatures {
  static final Type A = Types.A;
  static final Type N = Types.N;
  static final Type S = Types.S;
  static final Type B = Types.B;
  static final Type NL = Types.NL;

  /** Any object. */
  static final Type OBJ = Types.objectOf(A, A);

  /** An object with string keys. */
  static final Type SOBJ = Types.objectOf(S, A);

  /** Any array. */
  static final Type ARR = Types.arrayOf(A);

  /** Any set. */
  static final Type SET = Types.setOf(A);

  private Signatures() {}

  static Type.Function fn(Type result, Type... args) {
    return Types.fn(List.of(args), result);
  }

  static Type arr(Type element) {
    return Types.arrayOf(element);
  }

  static Type set(Type element) {
    return Types.setOf(element);
  }

  static Type obj(Type key, Type value) {
    return Types.objectOf(key, value);
  }

  static Type tuple(Type... elements) {
    return Types.tuple(elements);
  }

  static Type any(Type... members) {
    return Types.any(members);
  }
}
