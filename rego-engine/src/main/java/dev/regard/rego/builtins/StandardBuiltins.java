package dev.regard.rego.builtins;

/** Every builtin this engine provides, one family class per OPA namespace. */
public final class StandardBuiltins {
  private static final BuiltinRegistry REGISTRY = create();

  private StandardBuiltins() {}

  public static BuiltinRegistry registry() {
    return REGISTRY;
  }

  private static BuiltinRegistry create() {
    BuiltinRegistry.Builder b = BuiltinRegistry.builder();
    ComparisonBuiltins.register(b);
    NumbersBuiltins.register(b);
    AggregatesBuiltins.register(b);
    ArraysBuiltins.register(b);
    SetsBuiltins.register(b);
    ObjectsBuiltins.register(b);
    StringsBuiltins.register(b);
    RegexBuiltins.register(b);
    GlobBuiltins.register(b);
    TypesBuiltins.register(b);
    EncodingBuiltins.register(b);
    TimeBuiltins.register(b);
    CryptoBuiltins.register(b);
    JwtBuiltins.register(b);
    NetBuiltins.register(b);
    SemverBuiltins.register(b);
    UnitsBuiltins.register(b);
    GraphBuiltins.register(b);
    HttpBuiltins.register(b);
    OpaBuiltins.register(b);
    return b.build();
  }
}
