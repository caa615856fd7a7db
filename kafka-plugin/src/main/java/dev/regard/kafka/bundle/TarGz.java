package dev.regard.kafka.bundle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the regular files of a gzip-compressed tar archive (ustar, GNU long names and pax path
 * records), as OPA's bundle tarballs are written. Links and devices are refused, since a bundle
 * needs none and they could point outside the bundle.
 */
public final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /**
   * Returns normalized file names to contents.
   *
   * @param source names the archive in error messages
   * @param maxBytes the most uncompressed file content accepted, in total
   */
  public static Map<String, byte[]> read(InputStream compressed, String source, long maxBytes)
      throws BundleException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (InputStream in = new GZIPInputStream(compressed)) {
      String longName = null;
      byte[] header = new byte[BLOCK];
      while (true) {
        if (!readBlock(in, header)) {
          break;
        }
        if (isZero(header)) {
          break;
        }
        long size = parseOctal(header, 124, 12, source);
        char type = (char) header[156];
        total += size;
        if (size < 0 || total > maxBytes) {
          throw new BundleException(source + ": content exceeds " + maxBytes + " bytes");
        }
        byte[] content = readContent(in, size, source);
        switch (type) {
          case 'L' -> longName = cString(content, 0, content.length);
          case 'x' -> longName = paxPath(content, longName);
          case 'g', '5' -> {
            // Global pax headers and directories carry nothing a bundle needs.
          }
          case '0', '\0', '7' -> {
            String name = longName != null ? longName : headerName(header);
            longName = null;
            String path = BundlePaths.normalize(name);
            if (files.put(path, content) != null) {
              throw new BundleException(source + ": file appears twice: " + path);
            }
          }
          default ->
              throw new BundleException(
                  source
                      + ": entry '"
                      + (longName != null ? longName : headerName(header))
                      + "' is a link or special file (type '"
                      + type
                      + "'); bundles hold regular files only");
        }
      }
    } catch (IOException e) {
      throw new BundleException(source + ": not a readable .tar.gz: " + e.getMessage(), e);
    }
    return files;
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("truncated tar header");
    }
    return true;
  }

  private static byte[] readContent(InputStream in, long size, String source)
      throws IOException, BundleException {
    if (size > Integer.MAX_VALUE - BLOCK) {
      throw new BundleException(source + ": entry too large");
    }
    byte[] content = in.readNBytes((int) size);
    if (content.length < size) {
      throw new EOFException("truncated tar entry");
    }
    long padding = (BLOCK - size % BLOCK) % BLOCK;
    in.skipNBytes(padding);
    return content;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String headerName(byte[] header) {
    String name = cString(header, 0, 100);
    String magic = cString(header, 257, 6);
    String prefix = magic.startsWith("ustar") ? cString(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long parseOctal(byte[] header, int offset, int length, String source)
      throws BundleException {
    String text = cString(header, offset, length).trim();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new BundleException(source + ": corrupt tar header (size '" + text + "')");
    }
  }

  /** A pax extended header is a list of "length key=value\n" records; only "path" matters here. */
  private static String paxPath(byte[] content, String previous) {
    String text = new String(content, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return previous;
  }
}
