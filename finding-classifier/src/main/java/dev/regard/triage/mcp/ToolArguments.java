package dev.regard.triage.mcp;

import dev.regard.triage.input.JsonInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one tool call, checked before use: paths must exist and be of the right kind,
 * files and inline findings are bounded in size, unknown arguments are rejected.
 */
final class ToolArguments {
  /** The largest findings file a tool reads. */
  static final long MAX_FILE_BYTES = 64L << 20;

  /** The largest inline findings (serialised) a tool accepts. */
  static final long MAX_INLINE_BYTES = 1L << 20;

  private static final int MAX_TEXT = 4096;

  private final String tool;
  private final Map<String, Object> args;

  ToolArguments(String tool, Map<String, Object> args, List<String> allowed) {
    this.tool = tool;
    this.args = args == null ? Map.of() : args;
    for (String name : this.args.keySet()) {
      if (!allowed.contains(name)) {
        throw new ToolInputException(
            tool + ": unknown argument '" + clip(name) + "' (expected one of " + allowed + ")");
      }
    }
  }

  /** A text argument, or {@code null} when absent. */
  String text(String name) {
    Object value = args.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new ToolInputException(tool + ": '" + name + "' must be a string");
    }
    if (s.length() > MAX_TEXT) {
      throw new ToolInputException(tool + ": '" + name + "' is longer than " + MAX_TEXT);
    }
    return s;
  }

  /** The repository to read the model from: the argument, or the server's default. */
  Path repository(Path fallback) {
    String given = text("repo");
    Path repo = given == null ? fallback : path("repo", given);
    if (!Files.isDirectory(repo)) {
      throw new ToolInputException(tool + ": repo " + clip(given) + " is not a directory");
    }
    return repo;
  }

  /** A findings file named by {@code file}: exists, is a regular readable file, not too large. */
  Path findingsFile() throws IOException {
    String given = text("file");
    Path file = path("file", given);
    if (!Files.exists(file)) {
      throw new ToolInputException(tool + ": file " + clip(given) + " does not exist");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ToolInputException(tool + ": file " + clip(given) + " is not a readable file");
    }
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new ToolInputException(
          tool + ": file " + clip(given) + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
    }
    return file;
  }

  /** Which of {@code file}, {@code findings} and {@code sarif} was given; exactly one must be. */
  String source() {
    List<String> given =
        List.of("file", "findings", "sarif").stream().filter(args::containsKey).toList();
    if (given.size() != 1) {
      throw new ToolInputException(
          tool + ": give exactly one of 'file', 'findings' (agent findings) or 'sarif' (a log)");
    }
    return given.get(0);
  }

  /** An inline argument as JSON bytes, bounded in size. */
  byte[] inline(String name) throws IOException {
    Object value = args.get(name);
    boolean ok = "findings".equals(name) ? value instanceof List : value instanceof Map;
    if (!ok) {
      throw new ToolInputException(
          tool
              + ": '"
              + name
              + "' must be "
              + ("findings".equals(name) ? "an array of findings" : "a SARIF log object"));
    }
    byte[] json = JsonInput.MAPPER.writeValueAsBytes(value);
    if (json.length > MAX_INLINE_BYTES) {
      throw new ToolInputException(
          tool + ": inline '" + name + "' is larger than " + (MAX_INLINE_BYTES >> 10) + " KiB");
    }
    return json;
  }

  private Path path(String name, String given) {
    if (given == null || given.isBlank()) {
      throw new ToolInputException(tool + ": '" + name + "' is required");
    }
    try {
      return Path.of(given);
    } catch (InvalidPathException e) {
      throw new ToolInputException(tool + ": '" + name + "' is not a path: " + e.getReason());
    }
  }

  /** Client text as it may appear in messages: bounded, control characters escaped. */
  static String clip(String text) {
    if (text == null) {
      return "(none)";
    }
    StringBuilder s = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (s.length() >= 200) {
        return s.append("...").toString();
      }
      s.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.toString();
  }
}
