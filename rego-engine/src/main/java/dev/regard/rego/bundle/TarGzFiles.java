package dev.regard.rego.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a gzip-compressed tar archive (ustar, with PAX and GNU long-name extensions) into bundle
 * entries. Only regular files and directories are accepted: links, devices and the like are
 * refused. Sizes are checked against the limits before any content is read, and the decompressed
 * stream as a whole is capped.
 */
final class TarGzFiles {
  private static final int BLOCK = 512;

  private TarGzFiles() {}

  static List<BundleEntry> read(InputStream compressed, String origin, BundleLimits limits) {
    EntryCollector collector = new EntryCollector(limits, origin);
    // Headers and padding also cost decompressed bytes; leave room for them beyond the content.
    long streamCap = limits.maxTotalBytes() + (long) BLOCK * (4L * limits.maxFiles() + 64);
    try (InputStream in =
        new CappedStream(new GZIPInputStream(compressed, 8192), streamCap, origin)) {
      String longName = null;
      String paxPath = null;
      Long paxSize = null;
      byte[] header = new byte[BLOCK];
      while (true) {
        if (!readBlock(in, header)) {
          break; // archives without the closing zero blocks are common and harmless
        }
        if (isZero(header)) {
          break;
        }
        verifyChecksum(header, origin);
        char type = (char) header[156];
        if (type == 'x' || type == 'g' || type == 'L') {
          // Extension headers describe the next entry; their own size is always in the header.
          String name = headerName(header);
          long size = parseSize(header, origin, name);
          if (size > 1 << 20) {
            throw new BundleException(origin + ": oversized archive header near " + name);
          }
          byte[] body = readContent(in, (int) size, origin, name);
          if (type == 'L') {
            longName = cString(body);
          } else if (type == 'x') {
            String[] pax = parsePax(body, origin);
            paxPath = pax[0];
            paxSize = pax[1] == null ? null : parsePaxSize(pax[1], origin);
          }
          continue;
        }
        String name = longName != null ? longName : paxPath != null ? paxPath : headerName(header);
        long size = paxSize != null ? paxSize : parseSize(header, origin, name);
        longName = null;
        paxPath = null;
        paxSize = null;
        switch (type) {
          case '0', '\0', '7' -> {
            String path = collector.admit(name, size);
            collector.add(path, readContent(in, (int) size, origin, path));
          }
          case '5' -> skip(in, size, origin, name);
          case '1', '2' ->
              throw new BundleException(
                  origin + ": " + name + ": links are not allowed in bundles");
          default ->
              throw new BundleException(
                  origin + ": " + name + ": unsupported archive entry type '" + type + "'");
        }
      }
    } catch (IOException e) {
      throw new BundleException(origin + ": not a readable .tar.gz archive: " + e.getMessage(), e);
    }
    return collector.entries();
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new IOException("truncated archive header");
    }
    return true;
  }

  private static byte[] readContent(InputStream in, int size, String origin, String name)
      throws IOException {
    byte[] content = in.readNBytes(size);
    if (content.length < size) {
      throw new BundleException(origin + ": " + name + ": archive truncated");
    }
    skipPadding(in, size);
    return content;
  }

  private static void skip(InputStream in, long size, String origin, String name)
      throws IOException {
    try {
      in.skipNBytes(size);
    } catch (java.io.EOFException e) {
      throw new BundleException(origin + ": " + name + ": archive truncated");
    }
    skipPadding(in, size);
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    long pad = (BLOCK - size % BLOCK) % BLOCK;
    in.skipNBytes(pad);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void verifyChecksum(byte[] h, String origin) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    long stored = parseOctal(h, 148, 8, origin, "header checksum");
    if (stored != sum) {
      throw new BundleException(origin + ": corrupt archive header (checksum mismatch)");
    }
  }

  private static String headerName(byte[] h) {
    String name = field(h, 0, 100);
    boolean ustar = field(h, 257, 5).equals("ustar");
    String prefix = ustar ? field(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static long parseSize(byte[] h, String origin, String name) {
    if ((h[124] & 0x80) != 0) {
      // Base-256 encoding for large sizes; anything this large is over every limit anyway.
      long v = 0;
      for (int i = 125; i < 136; i++) {
        if (v > (Long.MAX_VALUE >> 8)) {
          return Long.MAX_VALUE;
        }
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    return parseOctal(h, 124, 12, origin, name + " size");
  }

  private static long parseOctal(byte[] h, int off, int len, String origin, String what) {
    long v = 0;
    boolean digits = false;
    for (int i = off; i < off + len; i++) {
      int c = h[i];
      if (c == 0 || c == ' ') {
        if (digits) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7' || v > (Long.MAX_VALUE >> 3)) {
        throw new BundleException(origin + ": corrupt archive header (" + what + ")");
      }
      v = (v << 3) | (c - '0');
      digits = true;
    }
    return v;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] body) {
    int end = 0;
    while (end < body.length && body[end] != 0) {
      end++;
    }
    return new String(body, 0, end, StandardCharsets.UTF_8);
  }

  /** PAX records "LEN key=value\n"; returns {path, size}, either possibly null. */
  private static String[] parsePax(byte[] body, String origin) {
    String[] out = new String[2];
    int pos = 0;
    while (pos < body.length) {
      int space = pos;
      while (space < body.length && body[space] != ' ') {
        space++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(body, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new BundleException(origin + ": corrupt PAX header");
      }
      if (len <= space - pos || pos + len > body.length) {
        throw new BundleException(origin + ": corrupt PAX header");
      }
      String record = new String(body, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        String key = record.substring(0, eq);
        if (key.equals("path")) {
          out[0] = record.substring(eq + 1);
        } else if (key.equals("size")) {
          out[1] = record.substring(eq + 1);
        } else if (key.equals("linkpath")) {
          throw new BundleException(origin + ": links are not allowed in bundles");
        }
      }
      pos += len;
    }
    return out;
  }

  private static long parsePaxSize(String s, String origin) {
    try {
      long v = Long.parseLong(s.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BundleException(origin + ": corrupt PAX size '" + s + "'");
    }
  }

  /** Fails once more than {@code cap} decompressed bytes have been read. */
  private static final class CappedStream extends FilterInputStream {
    private final long cap;
    private final String origin;
    private long count;

    CappedStream(InputStream in, long cap, String origin) {
      super(in);
      this.cap = cap;
      this.origin = origin;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) {
      count += n;
      if (count > cap) {
        throw new BundleException(
            origin + ": archive expands past " + cap + " bytes; refusing to read further");
      }
    }
  }
}
