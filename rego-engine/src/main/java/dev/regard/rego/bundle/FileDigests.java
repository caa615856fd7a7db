package dev.regard.rego.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * File digests as OPA's bundle signing computes them. Unstructured files are hashed byte for byte.
 * Structured documents ({@code data.json}, {@code data.yaml}, {@code .manifest}) are hashed over a
 * canonical form, so that whitespace and key order do not matter: objects as {@code {"k":v,...}}
 * with keys sorted, arrays as {@code [v,...]}, strings JSON-escaped (HTML characters left alone),
 * numbers as written in JSON.
 */
final class FileDigests {
  private static final Set<String> STRUCTURED =
      Set.of("data.json", "data.yaml", ".manifest", ".signatures.json");

  /** OPA's algorithm names to the JDK's. MD5 and SHA-1 are refused as too weak for signing. */
  private static final Map<String, String> ALGORITHMS =
      Map.of(
          "SHA-224", "SHA-224",
          "SHA-256", "SHA-256",
          "SHA-384", "SHA-384",
          "SHA-512", "SHA-512",
          "SHA-512-224", "SHA-512/224",
          "SHA-512-256", "SHA-512/256");

  private static final JsonFactory JSON = new JsonFactory();

  private FileDigests() {}

  static byte[] digest(BundleEntry entry, String algorithm) {
    String jdkName = ALGORITHMS.get(algorithm);
    if (jdkName == null) {
      throw new BundleException(
          entry.path() + ": unsupported hashing algorithm '" + algorithm + "' in signature");
    }
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(jdkName);
    } catch (NoSuchAlgorithmException e) {
      throw new BundleException("hashing algorithm " + algorithm + " unavailable", e);
    }
    if (!STRUCTURED.contains(entry.name())) {
      return md.digest(entry.content());
    }
    Object canonical =
        entry.name().endsWith(".yaml")
            ? fromValue(DataDocuments.parseYaml(entry.content(), entry.path()))
            : fromJson(entry);
    StringBuilder out = new StringBuilder();
    write(canonical, out);
    return md.digest(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Number literals keep their text, as OPA hashes them. */
  private record NumberText(String text) {}

  private static Object fromJson(BundleEntry entry) {
    try (JsonParser p = JSON.createParser(entry.content())) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new BundleException(entry.path() + ": empty document");
      }
      return readJson(p, t);
    } catch (IOException e) {
      throw new BundleException(entry.path() + ": invalid JSON: " + e.getMessage(), e);
    }
  }

  private static Object readJson(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new TreeMap<>(StringValue::compareCodePoints);
          for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
            String name = p.currentName();
            m.put(name, readJson(p, p.nextToken()));
          }
          return m;
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            l.add(readJson(p, e));
          }
          return l;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new NumberText(p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  private static Object fromValue(Value v) {
    if (v instanceof NullValue) {
      return null;
    } else if (v instanceof BooleanValue b) {
      return b.value();
    } else if (v instanceof NumberValue n) {
      return new NumberText(n.toString());
    } else if (v instanceof StringValue s) {
      return s.value();
    } else if (v instanceof ArrayValue a) {
      return a.elements().stream().map(FileDigests::fromValue).toList();
    } else if (v instanceof SetValue s) {
      return s.elements().stream().map(FileDigests::fromValue).toList();
    }
    ObjectValue o = (ObjectValue) v;
    Map<String, Object> m = new TreeMap<>(StringValue::compareCodePoints);
    for (int i = 0; i < o.size(); i++) {
      m.put(((StringValue) o.keyAt(i)).value(), fromValue(o.valueAt(i)));
    }
    return m;
  }

  private static void write(Object v, StringBuilder out) {
    if (v instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote((String) e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(l.get(i), out);
      }
      out.append(']');
    } else if (v instanceof String s) {
      quote(s, out);
    } else if (v instanceof NumberText n) {
      out.append(n.text());
    } else {
      out.append(String.valueOf(v)); // true, false, null
    }
  }

  /** JSON string escaping as Go's encoder does it with HTML escaping off. */
  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isSurrogate(c)) {
            boolean paired =
                Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
              out.append(c).append(s.charAt(++i));
            } else {
              out.append('\ufffd'); // Go replaces broken UTF-16 the same way
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
