package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OPA's {@code semver.is_valid} and {@code semver.compare}, strictly per SemVer 2.0.0. */
final class SemverBuiltins {
  // Possessive quantifiers keep matching linear: the alternatives never need to give back input.
  private static final String NUMERIC = "0|[1-9][0-9]*+";
  private static final String PRE_ID = "(?:[0-9]*+[A-Za-z-][0-9A-Za-z-]*+|" + NUMERIC + ")";
  private static final String BUILD_ID = "[0-9A-Za-z-]++";
  private static final Pattern SEMVER =
      Pattern.compile(
          "(" + NUMERIC + ")\\.(" + NUMERIC + ")\\.(" + NUMERIC + ")" + "(?:-(" + PRE_ID + "(?:\\."
              + PRE_ID + ")*+))?" + "(?:\\+(" + BUILD_ID + "(?:\\." + BUILD_ID + ")*+))?");

  private SemverBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("semver.is_valid", fn(B, A), SemverBuiltins::isValid);
    b.add("semver.compare", fn(N, S, S), SemverBuiltins::compare);
  }

  /** A parsed version; build metadata is dropped because it never affects precedence. */
  record Version(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre)
      implements Comparable<Version> {

    static Version parse(String s) {
      Matcher m = SEMVER.matcher(s);
      if (!m.matches()) {
        return null;
      }
      List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
      return new Version(
          new BigInteger(m.group(1)), new BigInteger(m.group(2)), new BigInteger(m.group(3)), pre);
    }

    @Override
    public int compareTo(Version o) {
      int c = major.compareTo(o.major);
      if (c == 0) {
        c = minor.compareTo(o.minor);
      }
      if (c == 0) {
        c = patch.compareTo(o.patch);
      }
      return c != 0 ? Integer.signum(c) : comparePre(pre, o.pre);
    }

    // A version without pre-release identifiers has higher precedence than one with them.
    private static int comparePre(List<String> a, List<String> b) {
      if (a.isEmpty() || b.isEmpty()) {
        return Boolean.compare(a.isEmpty(), b.isEmpty());
      }
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = compareIdentifier(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }

    private static int compareIdentifier(String a, String b) {
      boolean an = isNumeric(a);
      boolean bn = isNumeric(b);
      if (an && bn) {
        return new BigInteger(a).compareTo(new BigInteger(b));
      }
      if (an != bn) {
        return an ? -1 : 1; // numeric identifiers sort before alphanumeric ones
      }
      return Integer.signum(a.compareTo(b));
    }

    private static boolean isNumeric(String s) {
      return s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }
  }

  private static Value isValid(BuiltinContext ctx, Value[] args) {
    return BooleanValue.of(args[0] instanceof StringValue s && Version.parse(s.value()) != null);
  }

  private static Value compare(BuiltinContext ctx, Value[] args) {
    Args.string(args, 0);
    Args.string(args, 1);
    Version a = version(args, 0);
    Version b = version(args, 1);
    return NumberValue.of(a.compareTo(b));
  }

  private static Version version(Value[] args, int i) {
    Version v = Version.parse(((StringValue) args[i]).value());
    if (v == null) {
      throw BuiltinException.error(
          "operand " + (i + 1) + ": string " + args[i].toJson() + " is not a valid SemVer");
    }
    return v;
  }
}
