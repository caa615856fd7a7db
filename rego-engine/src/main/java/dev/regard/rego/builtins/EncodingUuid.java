package dev.regard.rego.builtins;

import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;

/**
 * {@code uuid.parse}: the version, variant and, for time-based versions 1 and 2, the decoded time,
 * node and clock sequence of a UUID. A string that is not a UUID gives undefined.
 */
final class EncodingUuid {
  /** 100-nanosecond intervals between the Gregorian epoch (1582-10-15) and the Unix epoch. */
  private static final long GREGORIAN_TO_UNIX = 122_192_928_000_000_000L;

  private EncodingUuid() {}

  static Value parse(BuiltinContext ctx, Value[] args) {
    byte[] u = bytes(Args.string(args, 0));
    if (u == null) {
      return null;
    }
    int version = (u[6] & 0xff) >> 4;
    ObjectValue.Builder out = ObjectValue.builder();
    out.put("version", NumberValue.of(version));
    out.put("variant", StringValue.of(variant(u[8])));
    if (version == 1 || version == 2) {
      long time = uint(u, 0, 4) | uint(u, 4, 2) << 32 | (uint(u, 6, 2) & 0xfff) << 48;
      long sinceUnix = time - GREGORIAN_TO_UNIX;
      out.put(
          "time",
          NumberValue.of(sinceUnix / 10_000_000 * 1_000_000_000 + sinceUnix % 10_000_000 * 100));
      StringBuilder node = new StringBuilder();
      for (int i = 10; i < 16; i++) {
        node.append(i > 10 ? "-" : "").append(String.format("%02x", u[i] & 0xff));
      }
      out.put("nodeid", StringValue.of(node.toString()));
      out.put("macvariables", StringValue.of(macKind(u[10])));
      out.put("clocksequence", NumberValue.of(uint(u, 8, 2) & 0x3fff));
      if (version == 2) {
        out.put("id", NumberValue.of(uint(u, 0, 4)));
        out.put("domain", StringValue.of(domain(u[9] & 0xff)));
      }
    }
    return out.build();
  }

  /** The 16 bytes of a UUID in any of the forms Go's uuid package accepts, or null. */
  private static byte[] bytes(String s) {
    String hex;
    if (s.length() == 36 + 9 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
      hex = dashed(s.substring(9));
    } else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
      hex = dashed(s.substring(1, 37));
    } else if (s.length() == 36) {
      hex = dashed(s);
    } else if (s.length() == 32) {
      hex = s;
    } else {
      return null;
    }
    if (hex == null || !hex.matches("[0-9a-fA-F]{32}")) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  private static String dashed(String s) {
    if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
      return null;
    }
    return s.replace("-", "");
  }

  private static long uint(byte[] b, int from, int len) {
    long v = 0;
    for (int i = from; i < from + len; i++) {
      v = v << 8 | (b[i] & 0xff);
    }
    return v;
  }

  private static String variant(byte b) {
    if ((b & 0xc0) == 0x80) {
      return "RFC4122";
    } else if ((b & 0xe0) == 0xc0) {
      return "Microsoft";
    } else if ((b & 0xe0) == 0xe0) {
      return "Future";
    }
    return "Reserved";
  }

  private static String macKind(byte b) {
    if ((b & 3) == 3) {
      return "local:multicast";
    } else if ((b & 1) == 1) {
      return "global:multicast";
    } else if ((b & 2) == 2) {
      return "local:unicast";
    }
    return "global:unicast";
  }

  private static String domain(int d) {
    return switch (d) {
      case 0 -> "Person";
      case 1 -> "Group";
      case 2 -> "Org";
      default -> "Domain" + d;
    };
  }
}
