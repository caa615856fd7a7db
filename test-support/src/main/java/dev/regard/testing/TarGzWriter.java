package dev.regard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes bundle tarballs for tests from a map of files, through {@link TarGzBuilder}. */
public final class TarGzWriter {
  private TarGzWriter() {}

  /** Writes files as a gzip-compressed ustar archive. */
  public static byte[] write(Map<String, byte[]> files) throws IOException {
    return write(files, '0');
  }

  /** Writes every entry with the given tar type flag ('0' regular file, '2' symbolic link). */
  public static byte[] write(Map<String, byte[]> files, char type) throws IOException {
    TarGzBuilder tar = new TarGzBuilder();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (file.getKey().getBytes(StandardCharsets.UTF_8).length > 100) {
        throw new IOException("name longer than 100 bytes: " + file.getKey());
      }
      tar.entry(file.getKey(), type, file.getValue(), "");
    }
    return tar.build();
  }
}
