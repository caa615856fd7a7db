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
import java.util.List;

/**
 * OPA's string builtins. Indexes and lengths count Unicode code points, as OPA counts runes;
 * whitespace and case follow Go's {@code strings} package.
 */
final class StringsBuiltins {
  private StringsBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("concat", fn(S, S, any(arr(S), set(S))), StringsBuiltins::concat);
    b.add("contains", fn(B, S, S), (ctx, a) -> bool(Args.string(a, 0).contains(Args.string(a, 1))));
    b.add(
        "startswith",
        fn(B, S, S),
        (ctx, a) -> bool(Args.string(a, 0).startsWith(Args.string(a, 1))));
    b.add("endswith", fn(B, S, S), (ctx, a) -> bool(Args.string(a, 0).endsWith(Args.string(a, 1))));
    b.add("format_int", fn(S, N, N), StringsBuiltins::formatInt);
    b.add("indexof", fn(N, S, S), StringsBuiltins::indexOf);
    b.add("indexof_n", fn(arr(N), S, S), StringsBuiltins::indexOfN);
    b.add("lower", fn(S, S), (ctx, a) -> StringValue.of(goLower(Args.string(a, 0))));
    b.add("upper", fn(S, S), (ctx, a) -> StringValue.of(goUpper(Args.string(a, 0))));
    b.add("replace", fn(S, S, S, S), StringsBuiltins::replace);
    b.add("strings.replace_n", fn(S, obj(S, S), S), StringsBuiltins::replaceN);
    b.add(
        "split",
        fn(arr(S), S, S),
        (ctx, a) -> strings(split(Args.string(a, 0), Args.string(a, 1))));
    b.add("strings.split_n", fn(arr(S), S, S, N), StringsBuiltins::splitN);
    b.add("sprintf", fn(S, S, ARR), StringsBuiltins::sprintf);
    b.add("substring", fn(S, S, N, N), StringsBuiltins::substring);
    b.add(
        "trim",
        fn(S, S, S),
        (ctx, a) -> str(trimRight(trimLeft(Args.string(a, 0), cutset(a)), cutset(a))));
    b.add("trim_left", fn(S, S, S), (ctx, a) -> str(trimLeft(Args.string(a, 0), cutset(a))));
    b.add("trim_right", fn(S, S, S), (ctx, a) -> str(trimRight(Args.string(a, 0), cutset(a))));
    b.add("trim_prefix", fn(S, S, S), StringsBuiltins::trimPrefix);
    b.add("trim_suffix", fn(S, S, S), StringsBuiltins::trimSuffix);
    b.add("trim_space", fn(S, S), (ctx, a) -> str(trimSpace(Args.string(a, 0))));
    b.add("strings.reverse", fn(S, S), StringsBuiltins::reverse);
    b.add(
        "strings.any_prefix_match",
        fn(B, any(S, arr(S), set(S)), any(S, arr(S), set(S))),
        (ctx, a) -> anyMatch(a, false));
    b.add(
        "strings.any_suffix_match",
        fn(B, any(S, arr(S), set(S)), any(S, arr(S), set(S))),
        (ctx, a) -> anyMatch(a, true));
    b.add("strings.count", fn(N, S, S), StringsBuiltins::count);
    b.add(
        "strings.render_template",
        fn(S, S, SOBJ),
        (ctx, a) -> {
          String template = Args.string(a, 0);
          return str(StringsTemplate.render(ctx, template, Args.object(a, 1)));
        });
  }

  private static Value bool(boolean b) {
    return BooleanValue.of(b);
  }

  private static Value str(String s) {
    return StringValue.of(s);
  }

  private static Value strings(List<String> parts) {
    List<Value> out = new ArrayList<>(parts.size());
    for (String p : parts) {
      out.add(StringValue.of(p));
    }
    return ArrayValue.of(out);
  }

  private static Value concat(BuiltinContext ctx, Value[] a) {
    String sep = Args.string(a, 0);
    List<Value> items;
    if (a[1] instanceof ArrayValue arr) {
      items = arr.elements();
    } else if (a[1] instanceof SetValue set) {
      items = set.elements();
    } else {
      throw Args.operandError(1, "one of {set, array}", a[1]);
    }
    long length = 0;
    for (Value item : items) {
      if (!(item instanceof StringValue s)) {
        throw elementError(1, a[1], item, "string");
      }
      length += s.value().length() + sep.length();
    }
    ctx.charge(length / 64);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(((StringValue) items.get(i)).value());
    }
    return StringValue.of(sb.toString());
  }

  /** OPA's error for a collection holding an element of the wrong type. */
  static BuiltinException elementError(int i, Value collection, Value element, String expected) {
    String type = collection.typeName();
    return BuiltinException.typeError(
        "operand "
            + (i + 1)
            + " must be "
            + type
            + " of "
            + expected
            + "s but got "
            + type
            + " containing "
            + element.typeName());
  }

  private static Value formatInt(BuiltinContext ctx, Value[] a) {
    NumberValue n = Args.number(a, 0);
    NumberValue base = Args.number(a, 1);
    int radix;
    if (base.equals(NumberValue.of(2))) {
      radix = 2;
    } else if (base.equals(NumberValue.of(8))) {
      radix = 8;
    } else if (base.equals(NumberValue.of(10))) {
      radix = 10;
    } else if (base.equals(NumberValue.of(16))) {
      radix = 16;
    } else {
      throw BuiltinException.typeError("operand 2 must be one of {2, 8, 10, 16}");
    }
    // Truncates toward zero, as Go's big.Float.Int does.
    BigInteger i =
        n.isInteger() ? NumbersBuiltins.bigInteger(ctx, n) : n.bigDecimalValue().toBigInteger();
    ctx.charge(i.bitLength() / 64);
    return StringValue.of(i.toString(radix));
  }

  private static Value indexOf(BuiltinContext ctx, Value[] a) {
    String base = Args.string(a, 0);
    String search = Args.string(a, 1);
    if (search.isEmpty()) {
      throw BuiltinException.error("empty search character");
    }
    int at = base.indexOf(search);
    return NumberValue.of(at < 0 ? -1 : base.codePointCount(0, at));
  }

  private static Value indexOfN(BuiltinContext ctx, Value[] a) {
    String base = Args.string(a, 0);
    String search = Args.string(a, 1);
    if (search.isEmpty()) {
      throw BuiltinException.error("empty search character");
    }
    List<Value> out = new ArrayList<>();
    int at = base.indexOf(search);
    while (at >= 0) {
      out.add(NumberValue.of(base.codePointCount(0, at)));
      at = base.indexOf(search, base.offsetByCodePoints(at, 1));
    }
    return ArrayValue.of(out);
  }

  private static Value replace(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0);
    String old = Args.string(a, 1);
    String replacement = Args.string(a, 2);
    return StringValue.of(replaceAll(ctx, s, List.of(old), List.of(replacement)));
  }

  private static Value replaceN(BuiltinContext ctx, Value[] a) {
    ObjectValue patterns = Args.object(a, 0);
    String s = Args.string(a, 1);
    List<String> olds = new ArrayList<>();
    List<String> news = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      if (!(patterns.keyAt(i) instanceof StringValue k)) {
        throw BuiltinException.typeError("operand 1 non-string key found in pattern object");
      }
      if (!(patterns.valueAt(i) instanceof StringValue v)) {
        throw BuiltinException.typeError("operand 1 non-string value found in pattern object");
      }
      olds.add(k.value());
      news.add(v.value());
    }
    return StringValue.of(replaceAll(ctx, s, olds, news));
  }

  /**
   * Go's {@code strings.Replacer}: scanning left to right, at each position the first pattern (in
   * argument order) that matches is replaced; an empty pattern matches before every character and
   * at the end, without consuming anything.
   */
  private static String replaceAll(
      BuiltinContext ctx, String s, List<String> olds, List<String> news) {
    if (olds.size() == 1 && !olds.get(0).isEmpty()) {
      String old = olds.get(0);
      String replacement = news.get(0);
      if (replacement.length() > old.length()) {
        ctx.charge((long) (replacement.length() - old.length()) * countOf(s, old) / 64);
      }
      return s.replace(old, replacement);
    }
    ctx.charge(s.length() / 64);
    StringBuilder out = new StringBuilder();
    int last = 0;
    int i = 0;
    boolean previousMatchEmpty = false;
    while (i <= s.length()) {
      int best = -1;
      for (int p = 0; p < olds.size() && best < 0; p++) {
        String old = olds.get(p);
        // After an empty match, the same position is tried again without the empty pattern.
        if (!(old.isEmpty() && previousMatchEmpty) && s.startsWith(old, i)) {
          best = p;
        }
      }
      if (best >= 0) {
        String replacement = news.get(best);
        ctx.charge(replacement.length() / 64);
        out.append(s, last, i).append(replacement);
        previousMatchEmpty = olds.get(best).isEmpty();
        i += olds.get(best).length();
        last = i;
        continue;
      }
      previousMatchEmpty = false;
      if (i == s.length()) {
        break;
      }
      i += Character.charCount(s.codePointAt(i));
    }
    return out.append(s, last, s.length()).toString();
  }

  private static long countOf(String s, String sub) {
    long n = 0;
    for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
      n++;
    }
    return n;
  }

  /** Go's {@code strings.Split}: an empty separator splits into characters. */
  static List<String> split(String s, String sep) {
    List<String> parts = new ArrayList<>();
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
      return parts;
    }
    int start = 0;
    for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, start)) {
      parts.add(s.substring(start, at));
      start = at + sep.length();
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static Value splitN(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0);
    String sep = Args.string(a, 1);
    long count = intOperand(a, 2);
    List<String> parts = s.isEmpty() ? List.of("") : split(s, sep);
    int k = (int) Math.min(Math.abs(count), parts.size());
    List<String> kept =
        count >= 0 ? parts.subList(0, k) : parts.subList(parts.size() - k, parts.size());
    return strings(kept);
  }

  private static Value sprintf(BuiltinContext ctx, Value[] a) {
    String format = Args.string(a, 0);
    ArrayValue args = Args.array(a, 1);
    return StringValue.of(StringsSprintf.format(ctx, format, args));
  }

  private static Value substring(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0);
    long start = intOperand(a, 1);
    long length = intOperand(a, 2);
    if (start < 0) {
      throw BuiltinException.error("negative offset");
    }
    int runes = s.codePointCount(0, s.length());
    if (start >= runes) {
      return StringValue.EMPTY;
    }
    int from = s.offsetByCodePoints(0, (int) start);
    if (length < 0 || length >= runes - start) {
      return StringValue.of(s.substring(from));
    }
    return StringValue.of(s.substring(from, s.offsetByCodePoints(from, (int) length)));
  }

  /** OPA's int operand: an integral number that fits a machine int. */
  static long intOperand(Value[] a, int i) {
    NumberValue n = Args.number(a, i);
    if (!n.fitsLong()) {
      throw BuiltinException.typeError(
          "operand " + (i + 1) + " must be integer number but got floating-point number");
    }
    return n.longValue();
  }

  private static String cutset(Value[] a) {
    return Args.string(a, 1);
  }

  private static String trimLeft(String s, String cutset) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (cutset.indexOf(cp) < 0) {
        break;
      }
      i += Character.charCount(cp);
    }
    return s.substring(i);
  }

  private static String trimRight(String s, String cutset) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (cutset.indexOf(cp) < 0) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  private static Value trimPrefix(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0);
    String prefix = Args.string(a, 1);
    return StringValue.of(s.startsWith(prefix) ? s.substring(prefix.length()) : s);
  }

  private static Value trimSuffix(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0);
    String suffix = Args.string(a, 1);
    return StringValue.of(s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s);
  }

  /** Go's {@code unicode.IsSpace}. */
  private static boolean isGoSpace(int cp) {
    return switch (cp) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> cp > 0xff && Character.isSpaceChar(cp);
    };
  }

  private static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isGoSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static String goLower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString();
  }

  private static String goUpper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
    return sb.toString();
  }

  private static Value reverse(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0);
    StringBuilder sb = new StringBuilder(s.length());
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      sb.appendCodePoint(cp);
      end -= Character.charCount(cp);
    }
    return StringValue.of(sb.toString());
  }

  private static Value count(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0);
    String sub = Args.string(a, 1);
    if (sub.isEmpty()) {
      return NumberValue.of(s.codePointCount(0, s.length()) + 1L);
    }
    return NumberValue.of(countOf(s, sub));
  }

  private static Value anyMatch(Value[] a, boolean suffix) {
    List<String> strs = stringsOperand(a, 0);
    List<String> affixes = stringsOperand(a, 1);
    for (String s : strs) {
      for (String x : affixes) {
        if (suffix ? s.endsWith(x) : s.startsWith(x)) {
          return BooleanValue.TRUE;
        }
      }
    }
    return BooleanValue.FALSE;
  }

  /** A string, or an array or set of strings. */
  private static List<String> stringsOperand(Value[] a, int i) {
    Value v = a[i];
    if (v instanceof StringValue s) {
      return List.of(s.value());
    }
    List<Value> items;
    if (v instanceof ArrayValue arr) {
      items = arr.elements();
    } else if (v instanceof SetValue set) {
      items = set.elements();
    } else {
      throw Args.operandError(i, "one of {string, set, array}", v);
    }
    List<String> out = new ArrayList<>(items.size());
    for (Value item : items) {
      if (!(item instanceof StringValue s)) {
        throw elementError(i, v, item, "string");
      }
      out.add(s.value());
    }
    return out;
  }
}
