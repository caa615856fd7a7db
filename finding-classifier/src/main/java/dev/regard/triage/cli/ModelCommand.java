package dev.regard.triage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.regard.threatmodel.LoadedModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scan-triage model}: the parsed model and its rules, as YAML or JSON. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Prints how the model was found, the parsed model and its rules.")
final class ModelCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description = "yaml or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    ObjectMapper mapper =
        switch (format) {
          case "yaml" -> YAMLMapper.builder().findAndAddModules().build();
          case "json" -> JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
          default ->
              throw new IllegalArgumentException(
                  "unknown format '" + format + "' (expected yaml or json)");
        };
    LoadedModel loaded = model.load();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("discovery", loaded.discovery());
    document.put("model", loaded.model());
    document.put("rules", loaded.rules());
    spec.commandLine().getOut().println(mapper.writeValueAsString(document).stripTrailing());
    return ScanTriage.OK;
  }
}
