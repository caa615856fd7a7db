package dev.regard.rego.cli;

import dev.regard.rego.Rego;
import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.types.Schemas;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rego check}: compiles and type-checks policies without evaluating them. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles and type-checks Rego files, directories and bundles without evaluating them.",
      "Exits 0 when they are clean, 2 with every error as file:line: code: message."
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-s", "--schema"},
      paramLabel = "PATH",
      description = {
        "A directory of JSON Schemas (schema.a.b is a/b.json), as opa eval --schema takes it,",
        "or one .json file: the schema of input in every rule. Replaces a bundle's schemas/."
      })
  Path schema;

  @Option(
      names = "--strict",
      description = {
        "OPA's compiler strict mode: unused local assignments, arguments and imports,",
        "duplicate imports and deprecated builtins are errors; every schema a METADATA",
        "annotation names must be available."
      })
  boolean strict;

  @Mixin VerificationOptions verification;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, directories or bundles")
  List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Rego.Builder builder = Rego.builder().strictChecks(strict);
    PolicySources sources = new PolicySources(verification.reader());
    for (Path p : paths) {
      sources.addPath(builder, p);
    }
    Schemas schemas = null;
    if (schema != null) {
      schemas =
          Files.isDirectory(schema)
              ? Schemas.fromDirectory(schema)
              : Schemas.NONE.withInput(Files.readString(schema));
    }
    if (strict) {
      schemas = (schemas == null ? sources.schemas() : schemas).strict();
    }
    if (schemas != null) {
      builder.schemas(schemas);
    }
    try {
      builder.compile();
    } catch (RegoException e) {
      PrintWriter err = spec.commandLine().getErr();
      for (RegoError error : e.errors()) {
        err.println(error);
      }
      err.flush();
      return ExitCodes.ERROR;
    }
    return ExitCodes.OK;
  }
}
