package dev.regard.kafka.authz.log;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Appends entries as JSON lines to a file, rotated once it passes a size: the file becomes {@code
 * .1}, {@code .1} becomes {@code .2}, and the oldest past the kept count is deleted.
 */
public final class FileSink extends AsyncSink {
  private final Path file;
  private final long maxBytes;
  private final int maxFiles;

  public FileSink(
      Path file,
      long maxBytes,
      int maxFiles,
      OpaEvent format,
      int bufferEntries,
      int batchEntries,
      long flushIntervalMs,
      LongAdder dropped) {
    super("file", format, bufferEntries, batchEntries, flushIntervalMs, dropped);
    this.file = file.toAbsolutePath();
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    startWriter();
  }

  @Override
  protected void write(List<String> events) throws IOException {
    Files.createDirectories(file.getParent());
    try (Writer out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (String event : events) {
        out.write(event);
        out.write('\n');
      }
    }
    if (Files.size(file) > maxBytes) {
      rotate();
    }
  }

  private void rotate() throws IOException {
    Files.deleteIfExists(rotated(maxFiles));
    for (int i = maxFiles - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
  }

  private Path rotated(int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }
}
