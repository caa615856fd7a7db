package dev.regard.triage.input;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.finding.PathNormalizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams the results of a SARIF 2.1.0 file, one result in memory at a time.
 *
 * <p>Two passes: the first validates the whole file and collects each run's rules and base URIs
 * (which SARIF allows after the results); the second hands each result to a handler. With a
 * generator, the second pass is also a token-by-token copy of the log in which each result is
 * replaced by what the handler returns, so everything else is kept as it was (numbers included:
 * they are copied exactly, and results keep theirs as decimals).
 */
public final class SarifReader {
  /** Receives each result; returns the result to write when copying. */
  @FunctionalInterface
  public interface ResultHandler {
    /**
     * @param result the result as parsed; the handler may modify and return it
     * @param finding the normalised finding
     * @return the result to write to the copy, or {@code null} to leave it out of the copy (ignored
     *     when not copying)
     */
    JsonNode onResult(ObjectNode result, Finding finding) throws IOException;
  }

  private final PathNormalizer paths;
  private final ByteCounter counter;

  /**
   * @param paths turns artifact locations into repo-relative paths
   * @param counter counts bytes read in both passes, for progress; may be null
   */
  public SarifReader(PathNormalizer paths, ByteCounter counter) {
    this.paths = paths;
    this.counter = counter;
  }

  /** Reads every result of {@code file} (named {@code input} in messages and ids). */
  public void read(Path file, String input, ResultHandler handler) throws IOException {
    stream(file, input, handler, null, false);
  }

  /**
   * Copies {@code file} to {@code out}, passing every result through {@code handler}.
   *
   * @param runsOnly write only the run objects (for merging several logs into one runs array)
   */
  public void copy(
      Path file, String input, JsonGenerator out, boolean runsOnly, ResultHandler handler)
      throws IOException {
    stream(file, input, handler, out, runsOnly);
  }

  private void stream(
      Path file, String input, ResultHandler handler, JsonGenerator out, boolean runsOnly)
      throws IOException {
    List<RunContext> runs = new SarifRunScanner(input, counter).scan(file);
    SarifResultMapper mapper = new SarifResultMapper(input, paths);
    JsonGenerator top = runsOnly ? null : out;
    try (JsonParser p = JsonInput.open(file, counter)) {
      p.nextToken();
      echo(p, top);
      int ordinal = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("runs") && value == JsonToken.START_ARRAY) {
          field(name, top);
          echo(p, top);
          for (int run = 0; p.nextToken() != JsonToken.END_ARRAY; run++) {
            if (run >= runs.size()) {
              throw JsonInput.error(input, p, "the file changed while it was being read");
            }
            ordinal = copyRun(p, out, runs.get(run), mapper, handler, ordinal);
          }
          echo(p, top);
        } else if (top != null) {
          top.writeFieldName(name);
          top.copyCurrentStructureExact(p);
        } else {
          p.skipChildren();
        }
      }
      echo(p, top);
    } catch (JsonProcessingException e) {
      throw JsonInput.error(input, e);
    }
  }

  private static int copyRun(
      JsonParser p,
      JsonGenerator out,
      RunContext run,
      SarifResultMapper mapper,
      ResultHandler handler,
      int ordinal)
      throws IOException {
    echo(p, out);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("results") && value == JsonToken.START_ARRAY) {
        field(name, out);
        echo(p, out);
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonInput.error(mapper.input(), p, "a result must be a JSON object");
          }
          ObjectNode result = p.readValueAsTree();
          ordinal++;
          JsonNode written = handler.onResult(result, mapper.map(result, run, ordinal));
          if (out != null && written != null) {
            out.writeTree(written);
          }
        }
        echo(p, out);
      } else if (out != null) {
        out.writeFieldName(name);
        out.copyCurrentStructureExact(p);
      } else {
        p.skipChildren();
      }
    }
    echo(p, out);
    return ordinal;
  }

  /** Copies a start or end marker. */
  private static void echo(JsonParser p, JsonGenerator out) throws IOException {
    if (out != null) {
      out.copyCurrentEvent(p);
    }
  }

  private static void field(String name, JsonGenerator out) throws IOException {
    if (out != null) {
      out.writeFieldName(name);
    }
  }
}
