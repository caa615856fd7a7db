package dev.regard.kafka.bundle;

import dev.regard.rego.value.ObjectValue;
import java.util.List;
import java.util.Map;

/**
 * A bundle read and verified: its Rego modules and its data document.
 *
 * @param revision the source's revision (git commit id or content digest); changes whenever the
 *     content does
 * @param manifestRevision the {@code revision} in {@code .manifest}, empty when none
 * @param roots the {@code roots} in {@code .manifest}; {@code [""]} (everything) when none
 * @param modules bundle-relative file names to Rego source
 * @param data the data document assembled from the bundle's {@code data.json} files
 */
public record Bundle(
    String revision,
    String manifestRevision,
    List<String> roots,
    Map<String, String> modules,
    ObjectValue data) {
  public Bundle {
    roots = List.copyOf(roots);
    modules = Map.copyOf(modules);
  }
}
