package dev.regard.benchmarks.load;

import java.util.HashMap;
import java.util.Map;

/** The load tools' {@code --name=value} options; a bare {@code --name} means true. */
record LoadOptions(Map<String, String> values) {
  LoadOptions {
    values = Map.copyOf(values);
  }

  static LoadOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      values.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    return new LoadOptions(values);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    return Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
  }
}
