package dev.regard.rego.builtins;

import dev.regard.rego.types.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable table of builtins by name. */
public final class BuiltinRegistry {
  private final Map<String, Builtin> byName;

  private BuiltinRegistry(Map<String, Builtin> byName) {
    this.byName = Collections.unmodifiableMap(new HashMap<>(byName));
  }

  public Optional<Builtin> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Builtin> all() {
    return byName.values();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects builtins; registering a name twice is a programming error. A builtin OPA also has gets
   * OPA's names for its arguments and result, for messages.
   */
  public static final class Builder {
    private static final Map<String, List<String>> OPA_NAMES = ArgumentNames.load();
    private final Map<String, Builtin> byName = new HashMap<>();

    public Builder add(Builtin builtin) {
      List<String> names = OPA_NAMES.get(builtin.name());
      if (names != null && names.size() == builtin.arity() + 1) {
        builtin =
            new Builtin(
                builtin.name(),
                builtin.type().named(names),
                builtin.function(),
                builtin.relation());
      }
      if (byName.putIfAbsent(builtin.name(), builtin) != null) {
        throw new IllegalStateException("builtin registered twice: " + builtin.name());
      }
      return this;
    }

    /** Adds a builtin whose arguments and result may be of any type (the checker counts them). */
    public Builder add(String name, int arity, BuiltinFunction function) {
      return add(Builtin.of(name, arity, function));
    }

    /** Adds a builtin with its signature. */
    public Builder add(String name, Type.Function type, BuiltinFunction function) {
      return add(Builtin.of(name, type, function));
    }

    public BuiltinRegistry build() {
      return new BuiltinRegistry(byName);
    }
  }
}
