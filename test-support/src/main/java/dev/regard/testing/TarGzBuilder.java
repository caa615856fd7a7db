package dev.regard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes gzip-compressed ustar archives by hand, so tests can make well-formed bundle tarballs and
 * also the malformed and hostile ones (links, missing content).
 */
public final class TarGzBuilder {
  private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

  public TarGzBuilder file(String name, String content) {
    return entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "");
  }

  public TarGzBuilder file(String name, byte[] content) {
    return entry(name, '0', content, "");
  }

  public TarGzBuilder directory(String name) {
    return entry(name, '5', new byte[0], "");
  }

  public TarGzBuilder symlink(String name, String target) {
    return entry(name, '2', new byte[0], target);
  }

  public TarGzBuilder hardlink(String name, String target) {
    return entry(name, '1', new byte[0], target);
  }

  /** A header claiming {@code declaredSize} bytes, followed by no content at all. */
  public TarGzBuilder headerOnly(String name, long declaredSize) {
    tar.writeBytes(header(name, '0', declaredSize, ""));
    return this;
  }

  public TarGzBuilder entry(String name, char type, byte[] content, String link) {
    tar.writeBytes(header(name, type, content.length, link));
    tar.writeBytes(content);
    int pad = (512 - content.length % 512) % 512;
    tar.writeBytes(new byte[pad]);
    return this;
  }

  public byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(tar.toByteArray());
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] header(String name, char type, long size, String link) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, "0000644");
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, String.format("%011o", 0));
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum) + "\0 ");
    return h;
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }
}
