package dev.regard.threatmodel.markdown;

import dev.regard.threatmodel.ThreatModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a Markdown file as strict UTF-8, refusing oversized input before it is parsed. */
public final class MarkdownFile {

  /** Threat models are prose; anything larger is a mistake or an attack on the parser. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private MarkdownFile() {}

  /**
   * Reads and parses {@code path}.
   *
   * @param path the file to read
   * @param displayName the name used in messages and source references
   * @throws ThreatModelException if the file is missing, unreadable, too large or not UTF-8
   */
  public static MarkdownDocument read(Path path, String displayName) {
    return MarkdownDocument.parse(displayName, readText(path, displayName));
  }

  /** The file's text, checked as for {@link #read(Path, String)}. */
  public static String readText(Path path, String displayName) {
    if (!Files.isRegularFile(path)) {
      throw new ThreatModelException(displayName, 0, "file not found (" + path + ")");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      // Read one byte past the cap so a file that grows while being read is still refused.
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new ThreatModelException(displayName, 0, "file not found (" + path + ")", e);
    } catch (IOException e) {
      throw new ThreatModelException(displayName, 0, "cannot read file: " + e.getMessage(), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new ThreatModelException(
          displayName,
          0,
          "file is larger than the " + (MAX_BYTES / (1024 * 1024)) + " MiB limit for a document");
    }
    return decode(bytes, displayName);
  }

  /** Decodes strict UTF-8, naming the line of the first malformed byte; drops a leading BOM. */
  static String decode(byte[] bytes, String displayName) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new ThreatModelException(
          displayName,
          lineAt(bytes, in.position()),
          "not valid UTF-8 (byte offset " + in.position() + ")");
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
