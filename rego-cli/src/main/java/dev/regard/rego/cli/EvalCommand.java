package dev.regard.rego.cli;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalOptions;
import dev.regard.rego.QueryResult;
import dev.regard.rego.Rego;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rego eval}: compiles policy files and bundles, runs one query, prints JSON. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates a query and prints the result as JSON.",
      "A reference such as data.kafka.authz.allow prints its value (nothing when undefined);"
          + " any other query prints the list of its solutions, each a map of its variables."
    })
final class EvalCommand implements Callable<Integer> {
  /** A plain document reference: data or input, then .name or [...] steps. */
  private static final Pattern REF =
      Pattern.compile("\\s*(data|input)(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[^\\[\\]]+\\])*\\s*");

  @Spec CommandSpec spec;

  @Option(
      names = {"-d", "--data"},
      paramLabel = "PATH",
      description = "Rego file, JSON/YAML data file, or directory (repeatable).")
  List<Path> data = new ArrayList<>();

  @Option(
      names = {"-b", "--bundle"},
      paramLabel = "BUNDLE",
      description = "Bundle directory or .tar.gz (repeatable).")
  List<Path> bundles = new ArrayList<>();

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      description = "Input document, JSON or YAML.")
  Path input;

  @Option(names = "--strict", description = "Builtin errors stop evaluation instead of undefined.")
  boolean strict;

  @Option(names = "--fail", description = "Exit 1 when the result is undefined or empty.")
  boolean fail;

  @Mixin VerificationOptions verification;

  @Parameters(paramLabel = "QUERY", description = "The query, e.g. data.kafka.authz.allow")
  String query;

  @Override
  public Integer call() throws Exception {
    Rego.Builder builder = Rego.builder().strictBuiltinErrors(strict);
    PolicySources sources = new PolicySources(verification.reader());
    for (Path p : data) {
      sources.addPath(builder, p);
    }
    for (Path b : bundles) {
      sources.addBundle(builder, b);
    }
    CompiledPolicy policy = builder.compile();
    Value in = input == null ? null : PolicySources.readDocument(input);
    PrintWriter out = spec.commandLine().getOut();
    if (REF.matcher(query).matches()) {
      Optional<Value> value = policy.evaluate(query.strip(), in, EvalOptions.DEFAULT);
      value.ifPresent(v -> out.println(Json.writePretty(v)));
      return value.isEmpty() && fail ? ExitCodes.FAILED : ExitCodes.OK;
    }
    QueryResult result = policy.query(query, in);
    List<Value> solutions = new ArrayList<>();
    for (Map<String, Value> binding : result.bindings()) {
      ObjectValue.Builder b = ObjectValue.builder();
      binding.forEach(b::put);
      solutions.add(b.build());
    }
    out.println(Json.writePretty(ArrayValue.of(solutions)));
    return solutions.isEmpty() && fail ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
