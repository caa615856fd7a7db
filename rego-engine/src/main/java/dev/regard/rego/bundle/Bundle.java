package dev.regard.rego.bundle;

import dev.regard.rego.Rego;
import dev.regard.rego.types.Schemas;
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
  private final Map<String, String> schemas;

  Bundle(
      Manifest manifest,
      Map<String, String> modules,
      ObjectValue data,
      boolean signed,
      Map<String, String> schemas) {
    this.manifest = manifest;
    this.modules = Collections.unmodifiableMap(new TreeMap<>(modules));
    this.data = data;
    this.signed = signed;
    this.schemas = Collections.unmodifiableMap(new TreeMap<>(schemas));
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

  /**
   * The JSON Schemas in the bundle's {@code schemas/} folder by id ({@code
   * schemas/authz_input.json} is {@code authz_input}), which {@code # METADATA} annotations name as
   * {@code schema.authz_input}.
   */
  public Map<String, String> schemas() {
    return schemas;
  }

  /** The bundle's schemas for the type checker ({@link Schemas#NONE} when it has none). */
  public Schemas schemaSet() {
    return schemas.isEmpty() ? Schemas.NONE : Schemas.of(schemas);
  }

  /** Whether the bundle carried a signature that was verified. */
  public boolean signed() {
    return signed;
  }

  /**
   * Adds this bundle's modules, data and schemas (so that its policies are type-checked against the
   * input schemas they declare) to a policy under construction; returns the builder.
   */
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
    if (!schemas.isEmpty()) {
      builder.schemas(schemaSet());
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
