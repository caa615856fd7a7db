package dev.regard.rego.builtins;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * IP addresses and CIDR networks, parsed and printed as Go's {@code net} package does, in pure
 * Java: no name lookups ever. Addresses are 4 bytes (IPv4) or 16 bytes (IPv6); an IPv4-mapped IPv6
 * address counts as IPv4 wherever Go's {@code To4} would make it so.
 */
final class NetIp {
  private static final byte[] V4_IN_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

  private NetIp() {}

  /** A network: its address (masked) and its mask, each 4 or 16 bytes. */
  record Cidr(byte[] ip, byte[] mask) {
    /** Prefix length and total bits of the mask, as Go's {@code IPMask.Size}. */
    int prefix() {
      int ones = 0;
      for (byte b : mask) {
        ones += Integer.bitCount(b & 0xff);
      }
      return ones;
    }

    int bits() {
      return mask.length * 8;
    }

    /** Go's {@code IPNet.Contains}. */
    boolean contains(byte[] addr) {
      byte[] nn = ip;
      byte[] m = mask;
      byte[] nn4 = to4(nn);
      if (nn4 != null) {
        nn = nn4;
      }
      if (m.length == 4 && nn.length != 4) {
        return false;
      }
      if (m.length == 16 && nn.length == 4) {
        m = Arrays.copyOfRange(m, 12, 16);
      }
      byte[] a4 = to4(addr);
      byte[] a = a4 != null ? a4 : addr;
      if (a.length != nn.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if ((nn[i] & m[i]) != (a[i] & m[i])) {
          return false;
        }
      }
      return true;
    }

    /** The network's last address, in the network address's width. */
    byte[] last() {
      byte[] out = ip.clone();
      byte[] m =
          mask.length == out.length
              ? mask
              : Arrays.copyOfRange(mask, mask.length - out.length, mask.length);
      for (int i = 0; i < out.length; i++) {
        out[i] |= (byte) ~m[i];
      }
      return out;
    }

    @Override
    public String toString() {
      return format(ip) + "/" + prefix();
    }
  }

  /** Go's {@code net.ParseIP}: 16 bytes (IPv4 mapped into IPv6), or null. */
  static byte[] parseIp(String s) {
    byte[] v4 = parseIpv4(s);
    if (v4 != null) {
      return mapped(v4);
    }
    return s.indexOf(':') >= 0 ? parseIpv6(s) : null;
  }

  /** True when {@code s} is written as an IPv4 address. */
  static boolean isIpv4Text(String s) {
    return parseIpv4(s) != null;
  }

  /** Go's {@code net.ParseCIDR}, or null when {@code s} is not a CIDR. */
  static Cidr parseCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String addr = s.substring(0, slash);
    String bits = s.substring(slash + 1);
    byte[] v4 = parseIpv4(addr);
    byte[] ip = v4 != null ? v4 : (addr.indexOf(':') >= 0 ? parseIpv6(addr) : null);
    if (ip == null || !bits.matches("[0-9]{1,3}")) {
      return null;
    }
    int n = Integer.parseInt(bits);
    if (n > ip.length * 8) {
      return null;
    }
    byte[] mask = mask(n, ip.length * 8);
    byte[] masked = new byte[ip.length];
    for (int i = 0; i < ip.length; i++) {
      masked[i] = (byte) (ip[i] & mask[i]);
    }
    return new Cidr(masked, mask);
  }

  static byte[] mask(int ones, int bits) {
    byte[] m = new byte[bits / 8];
    for (int i = 0; i < m.length; i++) {
      int take = Math.max(0, Math.min(8, ones - 8 * i));
      m[i] = (byte) (0xff00 >> take);
    }
    return m;
  }

  /** The IPv4 form of an address, or null when it is not IPv4 (Go's {@code To4}). */
  static byte[] to4(byte[] ip) {
    if (ip.length == 4) {
      return ip;
    }
    if (ip.length == 16 && Arrays.equals(ip, 0, 12, V4_IN_V6, 0, 12)) {
      return Arrays.copyOfRange(ip, 12, 16);
    }
    return null;
  }

  static byte[] mapped(byte[] v4) {
    byte[] out = Arrays.copyOf(V4_IN_V6, 16);
    System.arraycopy(v4, 0, out, 12, 4);
    return out;
  }

  /** The 16-byte form of an address. */
  static byte[] to16(byte[] ip) {
    return ip.length == 4 ? mapped(ip) : ip;
  }

  static BigInteger toBig(byte[] ip) {
    return new BigInteger(1, ip);
  }

  static byte[] fromBig(BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    return out;
  }

  private static byte[] parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (!p.matches("0|[1-9][0-9]{0,2}")) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] parseIpv6(String s) {
    byte[] out = new byte[16];
    int ellipsis = -1;
    int i = 0;
    int pos = 0;
    if (s.startsWith("::")) {
      ellipsis = 0;
      pos = 2;
      if (pos == s.length()) {
        return out;
      }
    }
    while (i < 16) {
      int end = pos;
      while (end < s.length() && Character.digit(s.charAt(end), 16) >= 0 && end - pos < 4) {
        end++;
      }
      if (end == pos) {
        return null;
      }
      if (end < s.length() && s.charAt(end) == '.') {
        // An embedded IPv4 address ends the text.
        if (ellipsis < 0 && i != 12 || i + 4 > 16) {
          return null;
        }
        byte[] v4 = parseIpv4(s.substring(pos));
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, i, 4);
        i += 4;
        pos = s.length();
        break;
      }
      int v = Integer.parseInt(s.substring(pos, end), 16);
      out[i++] = (byte) (v >> 8);
      out[i++] = (byte) v;
      pos = end;
      if (pos == s.length()) {
        break;
      }
      if (s.charAt(pos) != ':' || pos + 1 == s.length()) {
        return null;
      }
      pos++;
      if (s.charAt(pos) == ':') {
        if (ellipsis >= 0) {
          return null;
        }
        ellipsis = i;
        pos++;
        if (pos == s.length()) {
          break;
        }
      }
    }
    if (pos != s.length()) {
      return null;
    }
    if (i < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int n = 16 - i;
      System.arraycopy(out, ellipsis, out, ellipsis + n, i - ellipsis);
      Arrays.fill(out, ellipsis, ellipsis + n, (byte) 0);
    } else if (ellipsis >= 0) {
      return null; // "::" must stand for at least one group
    }
    return out;
  }

  /** Go's {@code IP.String}: dotted IPv4 (also for IPv4-mapped), else RFC 5952 IPv6. */
  static String format(byte[] ip) {
    byte[] v4 = to4(ip);
    if (v4 != null) {
      return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int g = 0; g < 8; ) {
      if (group(ip, g) == 0) {
        int start = g;
        while (g < 8 && group(ip, g) == 0) {
          g++;
        }
        if (g - start >= 2 && g - start > bestLen) {
          bestStart = start;
          bestLen = g - start;
        }
      } else {
        g++;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        out.append("::");
        g += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(group(ip, g)));
    }
    return out.toString();
  }

  private static int group(byte[] ip, int g) {
    return (ip[2 * g] & 0xff) << 8 | (ip[2 * g + 1] & 0xff);
  }
}
