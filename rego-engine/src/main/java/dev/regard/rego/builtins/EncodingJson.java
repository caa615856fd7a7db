package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON text byte for byte as Go's {@code encoding/json} does for OPA's {@code json.marshal}:
 * keys sorted, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped, sets as arrays and
 * non-string keys as their JSON text.
 */
final class EncodingJson {
  private EncodingJson() {}

  /** Compact JSON when {@code indent} is null, otherwise as Go's {@code MarshalIndent}. */
  static String write(Value v, String prefix, String indent) {
    StringBuilder out = new StringBuilder();
    write(out, v, prefix, indent, 0);
    return out.toString();
  }

  private static void write(StringBuilder out, Value v, String prefix, String indent, int depth) {
    if (v instanceof NullValue) {
      out.append("null");
    } else if (v instanceof BooleanValue b) {
      out.append(b.value());
    } else if (v instanceof NumberValue n) {
      out.append(n);
    } else if (v instanceof StringValue s) {
      quote(out, s.value());
    } else if (v instanceof ArrayValue a) {
      writeList(out, a.elements(), prefix, indent, depth);
    } else if (v instanceof SetValue s) {
      writeList(out, s.elements(), prefix, indent, depth);
    } else {
      ObjectValue o = (ObjectValue) v;
      // Go sorts object keys by their (string) bytes after converting them to text.
      Map<String, Value> sorted = new TreeMap<>(StringValue::compareCodePoints);
      for (int i = 0; i < o.size(); i++) {
        Value k = o.keyAt(i);
        sorted.put(k instanceof StringValue s ? s.value() : write(k, "", null), o.valueAt(i));
      }
      if (sorted.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Value> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        newline(out, prefix, indent, depth + 1);
        quote(out, e.getKey());
        out.append(indent == null ? ":" : ": ");
        write(out, e.getValue(), prefix, indent, depth + 1);
      }
      newline(out, prefix, indent, depth);
      out.append('}');
    }
  }

  private static void writeList(
      StringBuilder out, List<Value> items, String prefix, String indent, int depth) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(out, prefix, indent, depth + 1);
      write(out, items.get(i), prefix, indent, depth + 1);
    }
    newline(out, prefix, indent, depth);
    out.append(']');
  }

  private static void newline(StringBuilder out, String prefix, String indent, int depth) {
    if (indent != null) {
      out.append('\n').append(prefix);
      out.append(indent.repeat(depth));
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else if (Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(s.charAt(i - 1)))) {
            out.append("\\ufffd"); // an unpaired surrogate is invalid UTF-8 to Go
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append(String.format("\\u%04x", (int) c));
  }
}
