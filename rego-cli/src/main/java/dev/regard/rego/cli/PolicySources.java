package dev.regard.rego.cli;

import dev.regard.rego.Rego;
import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleException;
import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.bundle.DataDocuments;
import dev.regard.rego.types.Schemas;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Adds policy files to a {@link Rego.Builder} the way {@code opa eval -d} and {@code opa test} take
 * them: a {@code .rego} file is a module; a {@code .json}/{@code .yaml} file is data merged at the
 * root; a directory or {@code .tar.gz} is read like a bundle (data files mounted at their folder's
 * path). Modules keep their real file path, so errors and test locations point at them.
 */
final class PolicySources {
  private final BundleReader reader;
  private Schemas schemas = Schemas.NONE;

  PolicySources(BundleReader reader) {
    this.reader = reader;
  }

  /** The schemas of the last bundle added that has any. */
  Schemas schemas() {
    return schemas;
  }

  void addPath(Rego.Builder builder, Path path) throws IOException {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (Files.isDirectory(path) || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      addBundle(builder, path);
    } else if (name.endsWith(".rego")) {
      builder.module(path.toString(), Files.readString(path));
    } else if (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")) {
      Value doc = readDocument(path);
      if (!(doc instanceof ObjectValue o)) {
        throw new BundleException(path + ": data file must hold an object");
      }
      addData(builder, o);
    } else if (!Files.exists(path)) {
      throw new BundleException(path + ": no such file or directory");
    } else {
      throw new BundleException(path + ": not a .rego, .json, .yaml file, directory or bundle");
    }
  }

  /** Adds a bundle (directory or archive), as OPA's {@code -b}; modules are named below it. */
  void addBundle(Rego.Builder builder, Path path) {
    Bundle bundle = reader.read(path);
    bundle.applyTo(builder, path.toString());
    if (!bundle.schemas().isEmpty()) {
      schemas = bundle.schemaSet();
    }
  }

  static Value readDocument(Path path) throws IOException {
    return DataDocuments.parse(Files.readAllBytes(path), path.toString());
  }

  private static void addData(Rego.Builder builder, ObjectValue data) {
    if (!data.isEmpty()) {
      builder.data(data);
    }
  }
}
