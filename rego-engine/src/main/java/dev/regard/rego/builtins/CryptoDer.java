package dev.regard.rego.builtins;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal reader of DER (the ASN.1 encoding of certificates and keys): enough to walk names,
 * extensions and certificate requests, which the JDK does not expose.
 */
final class CryptoDer {
  private CryptoDer() {}

  /** One DER element: its tag byte, its whole encoding and its content. */
  record Element(int tag, byte[] encoded, byte[] content) {
    boolean constructed() {
      return (tag & 0x20) != 0;
    }

    /** The elements inside a constructed element. */
    List<Element> children() {
      return readAll(content);
    }

    BigInteger integer() {
      return new BigInteger(content);
    }

    /** An OBJECT IDENTIFIER as its arcs. */
    List<Long> oid() {
      List<Long> arcs = new ArrayList<>();
      long v = 0;
      for (int i = 0; i < content.length; i++) {
        v = v << 7 | (content[i] & 0x7f);
        if ((content[i] & 0x80) == 0) {
          if (arcs.isEmpty()) {
            long first = v < 80 ? v / 40 : 2;
            arcs.add(first);
            arcs.add(v - first * 40);
          } else {
            arcs.add(v);
          }
          v = 0;
        }
      }
      return arcs;
    }

    String oidString() {
      StringBuilder s = new StringBuilder();
      for (long arc : oid()) {
        if (s.length() > 0) {
          s.append('.');
        }
        s.append(arc);
      }
      return s.toString();
    }

    /** The text of a string-typed element (UTF8String, PrintableString, IA5String, ...). */
    String text() {
      if (tag == 0x1e) { // BMPString
        return new String(content, StandardCharsets.UTF_16BE);
      }
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** Reads the single element that {@code der} must consist of. */
  static Element read(byte[] der) {
    List<Element> all = readAll(der);
    if (all.size() != 1) {
      throw new IllegalArgumentException("trailing data after DER element");
    }
    return all.get(0);
  }

  static List<Element> readAll(byte[] der) {
    List<Element> out = new ArrayList<>();
    int pos = 0;
    while (pos < der.length) {
      int start = pos;
      int tag = der[pos++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw new IllegalArgumentException("high-tag-number form is not supported");
      }
      if (pos >= der.length) {
        throw new IllegalArgumentException("truncated DER element");
      }
      int len = der[pos++] & 0xff;
      if ((len & 0x80) != 0) {
        int n = len & 0x7f;
        if (n == 0 || n > 3 || pos + n > der.length) {
          throw new IllegalArgumentException("unsupported DER length");
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = len << 8 | (der[pos++] & 0xff);
        }
      }
      if (len < 0 || pos + len > der.length) {
        throw new IllegalArgumentException("truncated DER element");
      }
      out.add(
          new Element(
              tag,
              Arrays.copyOfRange(der, start, pos + len),
              Arrays.copyOfRange(der, pos, pos + len)));
      pos += len;
    }
    return out;
  }
}
