package dev.regard.rego.builtins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names OPA declares for the arguments and result of each builtin (read from {@code
 * argument-names.txt}), so that type errors list what a call wants as OPA does.
 */
final class ArgumentNames {
  private static final String RESOURCE = "argument-names.txt";

  private ArgumentNames() {}

  /** Builtin name to its argument names followed by its result name. */
  static Map<String, List<String>> load() {
    Map<String, List<String>> out = new HashMap<>();
    try (InputStream in = ArgumentNames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the engine jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> parts = Arrays.asList(line.split("\\|"));
        out.put(parts.get(0), List.copyOf(parts.subList(1, parts.size())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
