package dev.regard.rego.builtins;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded, thread-safe cache of compiled patterns. When full it starts over: policies use few
 * distinct patterns, and a policy that builds patterns from input cannot grow memory without bound.
 */
final class RegexCache<V> {
  private final int capacity;
  private final ConcurrentHashMap<String, V> entries = new ConcurrentHashMap<>();

  RegexCache(int capacity) {
    this.capacity = capacity;
  }

  /** The cached value for {@code key}, computing it when absent; failures are not cached. */
  V get(String key, Function<String, V> compile) {
    V v = entries.get(key);
    if (v != null) {
      return v;
    }
    v = compile.apply(key);
    if (entries.size() >= capacity) {
      entries.clear();
    }
    entries.put(key, v);
    return v;
  }
}
