package dev.regard.triage.cli;

import dev.regard.triage.companion.CompanionExport;
import dev.regard.triage.input.JsonInput;
import dev.regard.triage.output.AtomicOutput;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code scan-triage export}: the model as its versioned, machine-readable JSON companion. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Writes the parsed model as a versioned JSON companion (docs/threat-model-companion.md).")
final class ExportCommand implements Callable<Integer> {
  @ParentCommand ScanTriage parent;

  @Mixin ModelOptions model;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Companion file (default: standard output).")
  Path output;

  @Override
  public Integer call() throws Exception {
    byte[] json =
        JsonInput.MAPPER
            .writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(CompanionExport.of(model.load()));
    try (AtomicOutput out =
        output == null ? AtomicOutput.toStream(parent.stdout()) : AtomicOutput.toFile(output)) {
      out.stream().write(json);
      out.stream().write('\n');
      out.commit();
    }
    return ScanTriage.OK;
  }
}
