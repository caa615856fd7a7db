package dev.regard.rego.ast;

import java.util.List;

/** A parsed Rego file: its package path, imports and rules. */
public record Module(
    String file,
    List<String> packagePath,
    Location packageLocation,
    List<Import> imports,
    List<Rule> rules) {
  public Module {
    packagePath = List.copyOf(packagePath);
    imports = List.copyOf(imports);
    rules = List.copyOf(rules);
  }

  /** An import: the imported ref's path (starting with {@code data} or {@code input}) and alias. */
  public record Import(List<String> path, String alias, Location location) {
    public Import {
      path = List.copyOf(path);
    }
  }
}
