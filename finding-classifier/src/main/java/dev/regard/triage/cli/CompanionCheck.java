package dev.regard.triage.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.regard.threatmodel.LoadedModel;
import dev.regard.triage.companion.CompanionDrift;
import dev.regard.triage.companion.CompanionExport;
import dev.regard.triage.input.FindingsException;
import dev.regard.triage.input.JsonInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code lint --companion FILE}: a committed companion compared with a fresh export. */
final class CompanionCheck {
  private CompanionCheck() {}

  /** The drift of {@code file} from the model, one line per difference; empty when in sync. */
  static List<String> drift(Path file, LoadedModel model) throws IOException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new FindingsException(name, 0, 0, "no such companion file", null);
    }
    JsonNode committed;
    try (JsonParser parser = JsonInput.open(file, null)) {
      committed = JsonInput.MAPPER.readTree(parser);
    } catch (JsonProcessingException e) {
      throw JsonInput.error(name, e);
    }
    if (committed == null || !committed.isObject()) {
      throw new FindingsException(name, 0, 0, "not a JSON object", null);
    }
    return CompanionDrift.between(committed, CompanionExport.of(model)).stream()
        .map(d -> name + ": drift at " + d.describe())
        .toList();
  }
}
