package dev.regard.triage.cli;

import dev.regard.triage.TriageRun;
import dev.regard.triage.input.FindingsException;
import dev.regard.triage.input.InputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks the findings files named on the command line before any is read. */
final class Inputs {
  private Inputs() {}

  static List<TriageRun.Input> of(List<Path> files) {
    List<TriageRun.Input> inputs = new ArrayList<>();
    for (Path file : files) {
      String name = file.toString();
      if (!Files.exists(file)) {
        throw new FindingsException(name, 0, 0, "no such file", null);
      }
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new FindingsException(name, 0, 0, "not a readable file", null);
      }
      inputs.add(new TriageRun.Input(file, name));
    }
    return inputs;
  }

  /** The bytes a run reads: SARIF files are read twice (validation, then results). */
  static long bytesToRead(List<TriageRun.Input> inputs) throws IOException {
    long total = 0;
    for (TriageRun.Input input : inputs) {
      long size = Files.size(input.file());
      total +=
          InputFormat.detect(input.file(), input.name()) == InputFormat.SARIF ? 2 * size : size;
    }
    return total;
  }
}
