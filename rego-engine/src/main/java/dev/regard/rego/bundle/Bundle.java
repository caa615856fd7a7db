package dev.regard.rego.bundle;

import dev.regard.rego.Rego;
import dev.regard.rego.value.ObjectValue;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fully read and checked OPA bundle: its manifest, its Rego modules by path and its data
 * document. Immutable; built only by {@link BundleReader}, so a {@code Bundle} is always complete.
 */
public final class Bundle {
  private final Manifest manifest;
  private final Map<String, String> modules;
  private final ObjectValue data;
  private final boolean signed;

  Bundle(Manifest manifest, Map<String, String> modules, ObjectValue data, boolean signed) {
    this.manifest = manifest;
    this.modules = Collections.unmodifiableMap(new TreeMap<>(modules));
    this.data = data;
    this.signed = signed;
  }

  public Manifest manifest() {
    return manifest;
  }

  public String revision() {
    return manifest.revision();
  }

  public List<String> roots() {
    return manifest.roots();
  }

  /** Rego sources by their path inside the bundle, sorted by path. */
  public Map<String, String> modules() {
    return modules;
  }

  /** The data files merged into one document, each mounted at its folder's path. */
  public ObjectValue data() {
    return data;
  }

  /** Whether the bundle carried a signature that was verified. */
  public boolean signed() {
    return signed;
  }

  /** Adds this bundle's modules and data to a policy under construction; returns the builder. */
  public Rego.Builder applyTo(Rego.Builder builder) {
    return applyTo(builder, "");
  }

  /**
   * Like {@link #applyTo(Rego.Builder)}, naming each module {@code prefix/path}, so that modules of
   * several bundles stay apart and errors say which bundle they come from.
   */
  public Rego.Builder applyTo(Rego.Builder builder, String prefix) {
    String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    modules.forEach((path, source) -> builder.module(base + path, source));
    if (!data.isEmpty()) {
      builder.data(data);
    }
    return builder;
  }

  @Override
  public String toString() {
    return "Bundle[revision="
        + manifest.revision()
        + ", roots="
        + manifest.roots()
        + ", modules="
        + modules.keySet()
        + ", signed="
        + signed
        + "]";
  }
}
