package dev.regard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes bundle tarballs for tests. */
public final class TarGzWriter {
  private static final int BLOCK = 512;

  private TarGzWriter() {}

  /** Writes files as a gzip-compressed ustar archive. */
  public static byte[] write(Map<String, byte[]> files) throws IOException {
    return write(files, '0');
  }

  /** Writes every entry with the given tar type flag ('0' regular file, '2' symbolic link). */
  public static byte[] write(Map<String, byte[]> files, char type) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
        if (name.length > 100) {
          throw new IOException("name longer than 100 bytes: " + file.getKey());
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(name, 0, header, 0, name.length);
        putOctal(header, 100, 8, 0644);
        putOctal(header, 108, 8, 0);
        putOctal(header, 116, 8, 0);
        putOctal(header, 124, 12, file.getValue().length);
        putOctal(header, 136, 12, 0);
        header[156] = (byte) type;
        System.arraycopy("ustar\00000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
          sum += b & 0xff;
        }
        putOctal(header, 148, 7, sum);
        out.write(header);
        out.write(file.getValue());
        out.write(new byte[(BLOCK - file.getValue().length % BLOCK) % BLOCK]);
      }
      out.write(new byte[BLOCK * 2]);
    }
    return bytes.toByteArray();
  }

  private static void putOctal(byte[] header, int offset, int length, long value) {
    String text = String.format("%0" + (length - 1) + "o", value);
    byte[] digits = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, header, offset, digits.length);
  }
}
