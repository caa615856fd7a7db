package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** OPA's {@code net.cidr_*} builtins, on textual addresses only (never a DNS lookup). */
final class NetBuiltins {
  /** Largest network {@code net.cidr_expand} will enumerate. */
  static final long MAX_EXPANSION = 1L << 24;

  private NetBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("net.cidr_contains", fn(B, S, S), NetBuiltins::contains);
    b.add("net.cidr_overlap", fn(B, S, S), NetBuiltins::contains);
    b.add("net.cidr_intersects", fn(B, S, S), NetBuiltins::intersects);
    b.add("net.cidr_contains_matches", fn(set(tuple(A, A)), A, A), NetBuiltins::containsMatches);
    b.add("net.cidr_expand", fn(set(S), S), NetBuiltins::expand);
    b.add("net.cidr_is_valid", fn(B, S), NetBuiltins::isValid);
    b.add("net.cidr_merge", fn(set(S), any(arr(S), set(S))), NetBuiltins::merge);
  }

  private static NetIp.Cidr cidr(Value v) {
    if (!(v instanceof StringValue s)) {
      throw Args.operandError(0, "string", v);
    }
    NetIp.Cidr c = NetIp.parseCidr(s.value());
    if (c == null) {
      throw BuiltinException.error("invalid CIDR address: " + s.value());
    }
    return c;
  }

  private static Value contains(BuiltinContext ctx, Value[] args) {
    return BooleanValue.of(contains(args[0], args[1]));
  }

  private static boolean contains(Value net, Value addr) {
    NetIp.Cidr a = cidr(net);
    if (!(addr instanceof StringValue s)) {
      throw Args.operandError(0, "string", addr);
    }
    byte[] ip = NetIp.parseIp(s.value());
    if (ip != null) {
      return a.contains(ip);
    }
    NetIp.Cidr b = NetIp.parseCidr(s.value());
    if (b == null) {
      throw BuiltinException.error(
          "not a valid textual representation of an IP address or CIDR: " + s.value());
    }
    // A contains B when it contains both B's first and last address.
    return a.contains(b.ip()) && a.contains(b.last());
  }

  private static Value intersects(BuiltinContext ctx, Value[] args) {
    NetIp.Cidr a = cidr(args[0]);
    NetIp.Cidr b = cidr(args[1]);
    return BooleanValue.of(a.contains(b.ip()) || b.contains(a.ip()));
  }

  /** A CIDR or address to match, with the key the result reports for it. */
  private record Candidate(Value cidr, Value key) {}

  private static Value containsMatches(BuiltinContext ctx, Value[] args) {
    List<Candidate> nets = candidates(args[0], 1);
    List<Candidate> addrs = candidates(args[1], 2);
    ctx.charge((long) nets.size() * addrs.size());
    List<Value> out = new ArrayList<>();
    for (Candidate n : nets) {
      for (Candidate a : addrs) {
        if (contains(n.cidr(), a.cidr())) {
          out.add(ArrayValue.of(n.key(), a.key()));
        }
      }
    }
    return SetValue.of(out);
  }

  private static List<Candidate> candidates(Value v, int operand) {
    List<Candidate> out = new ArrayList<>();
    if (v instanceof StringValue) {
      out.add(new Candidate(v, v));
    } else if (v instanceof ArrayValue a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new Candidate(matchTerm(a.get(i), operand), NumberValue.of(i)));
      }
    } else if (v instanceof SetValue s) {
      for (Value e : s.elements()) {
        out.add(new Candidate(matchTerm(e, operand), e));
      }
    } else if (v instanceof ObjectValue o) {
      for (int i = 0; i < o.size(); i++) {
        out.add(new Candidate(matchTerm(o.valueAt(i), operand), o.keyAt(i)));
      }
    }
    return out;
  }

  /** A string, or the first element of a non-empty array (a tuple carrying extra data). */
  private static Value matchTerm(Value v, int operand) {
    if (v instanceof StringValue) {
      return v;
    }
    if (v instanceof ArrayValue a && !a.isEmpty()) {
      return a.get(0);
    }
    throw BuiltinException.error(
        "operand " + operand + ": element must be string or non-empty array");
  }

  private static Value expand(BuiltinContext ctx, Value[] args) {
    String s = Args.string(args, 0);
    NetIp.Cidr c = NetIp.parseCidr(s);
    if (c == null) {
      throw BuiltinException.error("invalid CIDR address: " + s);
    }
    int hostBits = c.bits() - c.prefix();
    if (hostBits > 62 || (1L << hostBits) > MAX_EXPANSION) {
      throw BuiltinException.error(
          "CIDR " + s + " has more than " + MAX_EXPANSION + " addresses to expand");
    }
    long count = 1L << hostBits;
    ctx.charge(count);
    BigInteger first = NetIp.toBig(c.ip());
    List<Value> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      byte[] ip = NetIp.fromBig(first.add(BigInteger.valueOf(i)), c.ip().length);
      out.add(StringValue.of(NetIp.format(ip)));
    }
    return SetValue.of(out);
  }

  private static Value isValid(BuiltinContext ctx, Value[] args) {
    return BooleanValue.of(args[0] instanceof StringValue s && NetIp.parseCidr(s.value()) != null);
  }

  /** An address range in the 128-bit space (IPv4 mapped), and the network it came from. */
  private record Range(BigInteger first, BigInteger last, String network, boolean v4) {}

  private static Value merge(BuiltinContext ctx, Value[] args) {
    List<Value> items;
    if (args[0] instanceof ArrayValue a) {
      items = a.elements();
    } else if (args[0] instanceof SetValue s) {
      items = s.elements();
    } else {
      throw BuiltinException.error("operand must be an array");
    }
    List<Range> ranges = new ArrayList<>();
    for (Value item : items) {
      ranges.add(range(item));
    }
    ctx.charge(ranges.size());
    ranges.sort(Comparator.comparing(Range::last).thenComparing(Range::first));
    for (int i = ranges.size() - 1; i > 0; i--) {
      Range cur = ranges.get(i);
      Range prev = ranges.get(i - 1);
      BigInteger before =
          cur.first().signum() == 0 || isV4Zero(cur)
              ? cur.first()
              : cur.first().subtract(BigInteger.ONE);
      if (before.compareTo(prev.last()) <= 0) {
        ranges.set(i - 1, new Range(prev.first().min(cur.first()), cur.last(), null, cur.v4()));
        ranges.remove(i);
      }
    }
    List<Value> out = new ArrayList<>();
    for (Range r : ranges) {
      if (r.network() != null) {
        out.add(StringValue.of(r.network()));
      } else {
        for (String c : rangeToCidrs(r)) {
          out.add(StringValue.of(c));
        }
      }
    }
    return SetValue.of(out);
  }

  private static boolean isV4Zero(Range r) {
    return r.v4() && r.first().equals(NetIp.toBig(NetIp.mapped(new byte[4])));
  }

  private static Range range(Value item) {
    if (!(item instanceof StringValue s)) {
      throw BuiltinException.error("element must be string");
    }
    byte[] ip = NetIp.parseIp(s.value());
    NetIp.Cidr c;
    String text;
    if (ip == null) {
      c = NetIp.parseCidr(s.value());
      if (c == null) {
        throw BuiltinException.error("invalid CIDR address: " + s.value());
      }
      text = c.toString();
    } else {
      byte[] v4 = NetIp.to4(ip);
      if (v4 == null) {
        throw BuiltinException.error("IPv6 invalid: needs prefix length");
      }
      // A bare IPv4 address takes its classful default mask, and keeps its host bits in print.
      int prefix =
          (v4[0] & 0xff) < 0x80 ? 8 : (v4[0] & 0xff) < 0xc0 ? 16 : (v4[0] & 0xff) < 0xe0 ? 24 : 32;
      byte[] mask = NetIp.mask(prefix, 32);
      byte[] masked = new byte[4];
      for (int i = 0; i < 4; i++) {
        masked[i] = (byte) (v4[i] & mask[i]);
      }
      c = new NetIp.Cidr(masked, mask);
      text = NetIp.format(v4) + "/" + prefix;
    }
    boolean v4 = NetIp.to4(c.ip()) != null;
    return new Range(NetIp.toBig(NetIp.to16(c.ip())), NetIp.toBig(NetIp.to16(c.last())), text, v4);
  }

  /** The fewest CIDR blocks that exactly cover a range. */
  private static List<String> rangeToCidrs(Range r) {
    int bits = r.v4() ? 32 : 128;
    BigInteger base = r.v4() ? NetIp.toBig(NetIp.mapped(new byte[4])) : BigInteger.ZERO;
    BigInteger first = r.first().subtract(base);
    BigInteger last = r.last().subtract(base);
    List<String> out = new ArrayList<>();
    while (first.compareTo(last) <= 0) {
      int size = first.signum() == 0 ? bits : first.getLowestSetBit();
      while (size > 0
          && first.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(last)
              > 0) {
        size--;
      }
      byte[] ip = NetIp.fromBig(first, bits / 8);
      out.add(NetIp.format(ip) + "/" + (bits - size));
      first = first.add(BigInteger.ONE.shiftLeft(size));
    }
    return out;
  }
}
