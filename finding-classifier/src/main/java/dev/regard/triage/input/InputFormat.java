package dev.regard.triage.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;

/** The two kinds of findings file, told apart by their content rather than their name. */
public enum InputFormat {
  /** A SARIF 2.1.0 log. */
  SARIF,
  /** The agent findings form: {@code {"findings": [...]}} or a bare array. */
  AGENT;

  /**
   * Looks at the top-level members: {@code runs}, {@code version} or {@code $schema} mean SARIF,
   * {@code findings} or a top-level array mean agent findings.
   *
   * @throws FindingsException when the file is empty, not JSON, or neither
   */
  public static InputFormat detect(Path file, String input) throws IOException {
    try (JsonParser p = JsonInput.open(file, null)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new FindingsException(input, 0, 0, "empty file: no findings", null);
      }
      if (first == JsonToken.START_ARRAY) {
        return AGENT;
      }
      if (first != JsonToken.START_OBJECT) {
        throw JsonInput.error(input, p, "expected a SARIF log or a findings document");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        switch (p.currentName()) {
          case "runs", "version", "$schema" -> {
            return SARIF;
          }
          case "findings" -> {
            return AGENT;
          }
          default -> {
            p.nextToken();
            p.skipChildren();
          }
        }
      }
      throw JsonInput.error(
          input, p, "neither a SARIF log (no \"runs\") nor a findings document (no \"findings\")");
    } catch (JsonProcessingException e) {
      throw JsonInput.error(input, e);
    }
  }
}
