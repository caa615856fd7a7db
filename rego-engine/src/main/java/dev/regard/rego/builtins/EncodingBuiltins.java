package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.JsonFormatException;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OPA's encoding builtins: JSON, YAML, base64, base64url, hex, URL query strings and {@code
 * uuid.parse}. Decoded bytes become strings as UTF-8.
 */
final class EncodingBuiltins {
  private static final String B64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String B64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private EncodingBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("json.marshal", fn(S, A), (ctx, a) -> StringValue.of(EncodingJson.write(a[0], "", null)));
    b.add("json.marshal_with_options", fn(S, A, SOBJ), EncodingBuiltins::marshalWithOptions);
    b.add("json.unmarshal", fn(A, S), EncodingBuiltins::jsonUnmarshal);
    b.add("json.is_valid", fn(B, S), EncodingBuiltins::jsonIsValid);
    // Lambdas, not method references: the JSON-Schema library loads on the first call only.
    b.add(
        "json.verify_schema",
        fn(tuple(B, any(NL, S)), any(S, OBJ)),
        (ctx, a) -> EncodingJsonSchema.verify(ctx, a));
    b.add(
        "json.match_schema",
        fn(tuple(B, arr(OBJ)), any(S, OBJ), any(S, OBJ)),
        (ctx, a) -> EncodingJsonSchema.match(ctx, a));
    b.add("yaml.marshal", fn(S, A), (ctx, a) -> StringValue.of(EncodingYaml.write(a[0])));
    b.add("yaml.unmarshal", fn(A, S), EncodingBuiltins::yamlUnmarshal);
    b.add("yaml.is_valid", fn(B, S), EncodingBuiltins::yamlIsValid);
    b.add("base64.encode", fn(S, S), (ctx, a) -> encode(Base64.getEncoder(), a));
    b.add("base64.decode", fn(S, S), (ctx, a) -> text(decodeBase64(Args.string(a, 0), B64)));
    b.add("base64.is_valid", fn(B, S), EncodingBuiltins::base64IsValid);
    b.add("base64url.encode", fn(S, S), (ctx, a) -> encode(Base64.getUrlEncoder(), a));
    b.add(
        "base64url.encode_no_pad",
        fn(S, S),
        (ctx, a) -> encode(Base64.getUrlEncoder().withoutPadding(), a));
    b.add("base64url.decode", fn(S, S), EncodingBuiltins::base64UrlDecode);
    b.add("hex.encode", fn(S, S), EncodingBuiltins::hexEncode);
    b.add("hex.decode", fn(S, S), EncodingBuiltins::hexDecode);
    b.add("urlquery.encode", fn(S, S), (ctx, a) -> StringValue.of(queryEscape(Args.string(a, 0))));
    b.add(
        "urlquery.decode", fn(S, S), (ctx, a) -> StringValue.of(queryUnescape(Args.string(a, 0))));
    b.add(
        "urlquery.encode_object",
        fn(S, obj(S, any(S, arr(S), set(S)))),
        EncodingBuiltins::encodeObject);
    b.add("urlquery.decode_object", fn(obj(S, arr(S)), S), EncodingBuiltins::decodeObject);
    b.add("uuid.parse", fn(SOBJ, S), EncodingUuid::parse);
  }

  private static Value marshalWithOptions(BuiltinContext ctx, Value[] args) {
    ObjectValue opts = Args.object(args, 1);
    String prefix = "";
    String indent = "\t";
    boolean implicitPretty = false;
    Boolean explicitPretty = null;
    for (int i = 0; i < opts.size(); i++) {
      Value k = opts.keyAt(i);
      Value v = opts.valueAt(i);
      if (!(k instanceof StringValue key)) {
        throw BuiltinException.typeError(
            "operand 2 failed to stringify key "
                + k
                + " at index "
                + i
                + ": operand "
                + i
                + " must be string but got "
                + k.typeName());
      }
      switch (key.value()) {
        case "prefix", "indent" -> {
          if (!(v instanceof StringValue s)) {
            throw BuiltinException.typeError(
                "operand 2 key "
                    + key.value()
                    + " failed cast to string: operand "
                    + i
                    + " must be string but got "
                    + v.typeName());
          }
          if (key.value().equals("prefix")) {
            prefix = s.value();
          } else {
            indent = s.value();
          }
          implicitPretty = true;
        }
        case "pretty" -> {
          if (!(v instanceof BooleanValue bv)) {
            throw BuiltinException.typeError("operand 2 key pretty failed cast to bool");
          }
          explicitPretty = bv.value();
        }
        default ->
            throw BuiltinException.typeError(
                "operand 2 object contained unknown key " + key.value());
      }
    }
    boolean pretty = explicitPretty != null ? explicitPretty : implicitPretty;
    if (!pretty) {
      return StringValue.of(EncodingJson.write(args[0], "", null));
    }
    // Go's MarshalIndent does not prefix the first line, and OPA adds the prefix there itself.
    return StringValue.of(prefix + EncodingJson.write(args[0], prefix, indent));
  }

  private static Value jsonUnmarshal(BuiltinContext ctx, Value[] args) {
    String s = Args.string(args, 0);
    ctx.charge(s.length());
    return parseJson(s);
  }

  /**
   * Parses JSON text with the engine's depth and size caps; malformed or oversized input is a
   * builtin error.
   */
  static Value parseJson(String text) {
    try {
      return Json.parse(text, "input");
    } catch (JsonFormatException e) {
      throw BuiltinException.error(goJsonMessage(e.getMessage()));
    } catch (UncheckedIOException e) {
      // Jackson reports a broken stream constraint (nesting, number length) without a location.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw BuiltinException.error("invalid JSON: " + cause.getMessage());
    }
  }

  private static final Pattern UNEXPECTED_CHARACTER =
      Pattern.compile("Unexpected character \\('(.)'|Unrecognized token '(.)");

  /** The wording Go's encoding/json uses for the two commonest faults, else Jackson's own. */
  private static String goJsonMessage(String jackson) {
    if (jackson.contains("end-of-input")) {
      return "unexpected end of JSON input";
    }
    Matcher m = UNEXPECTED_CHARACTER.matcher(jackson);
    if (m.find()) {
      String c = m.group(1) != null ? m.group(1) : m.group(2);
      return "invalid character '" + c + "' looking for beginning of value";
    }
    return jackson;
  }

  private static Value jsonIsValid(BuiltinContext ctx, Value[] args) {
    if (!(args[0] instanceof StringValue s)) {
      return BooleanValue.FALSE;
    }
    ctx.charge(s.value().length());
    try {
      parseJson(s.value());
      return BooleanValue.TRUE;
    } catch (BuiltinException e) {
      return BooleanValue.FALSE;
    }
  }

  private static Value yamlUnmarshal(BuiltinContext ctx, Value[] args) {
    String s = Args.string(args, 0);
    ctx.charge(s.length());
    return EncodingYaml.read(s);
  }

  private static Value yamlIsValid(BuiltinContext ctx, Value[] args) {
    if (!(args[0] instanceof StringValue s)) {
      return BooleanValue.FALSE;
    }
    ctx.charge(s.value().length());
    try {
      EncodingYaml.read(s.value());
      return BooleanValue.TRUE;
    } catch (BuiltinException e) {
      return BooleanValue.FALSE;
    }
  }

  private static Value encode(Base64.Encoder encoder, Value[] args) {
    return StringValue.of(
        encoder.encodeToString(Args.string(args, 0).getBytes(StandardCharsets.UTF_8)));
  }

  private static Value base64IsValid(BuiltinContext ctx, Value[] args) {
    if (!(args[0] instanceof StringValue s)) {
      return BooleanValue.FALSE;
    }
    try {
      decodeBase64(s.value(), B64);
      return BooleanValue.TRUE;
    } catch (BuiltinException e) {
      return BooleanValue.FALSE;
    }
  }

  private static Value base64UrlDecode(BuiltinContext ctx, Value[] args) {
    return text(decodeBase64Url(Args.string(args, 0)));
  }

  /** OPA's lenient base64url: the padding may be left off. */
  static byte[] decodeBase64Url(String s) {
    // Encoders often omit the padding; restore it as RFC 7515 appendix C describes.
    if (!s.endsWith("=")) {
      switch (s.length() % 4) {
        case 0 -> {}
        case 2 -> s += "==";
        case 3 -> s += "=";
        default -> throw BuiltinException.error("illegal base64url string: " + s);
      }
    }
    return decodeBase64(s, B64URL);
  }

  /** Standard padded base64, decoded strictly as Go's {@code base64.StdEncoding} does. */
  static byte[] decodeStdBase64(String s) {
    return decodeBase64(s, B64);
  }

  /**
   * Strict padded base64 as Go decodes it: line breaks are skipped, anything else outside the
   * alphabet, a bad length or misplaced padding is an error naming the offending input byte.
   */
  private static byte[] decodeBase64(String s, String alphabet) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3 / 4);
    int[] quantum = new int[4];
    int n = 0;
    int i = 0;
    int len = s.length();
    while (i < len) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        i++;
        continue;
      }
      if (c == '=') {
        // Padding may only complete a quantum of two or three characters.
        if (n < 2) {
          throw illegalBase64(i);
        }
        int needed = 4 - n;
        int j = i;
        int seen = 0;
        while (j < len && seen < needed) {
          char d = s.charAt(j);
          if (d == '=') {
            seen++;
          } else if (d != '\n' && d != '\r') {
            throw illegalBase64(j);
          }
          j++;
        }
        if (seen < needed) {
          throw illegalBase64(len);
        }
        for (; j < len; j++) {
          if (s.charAt(j) != '\n' && s.charAt(j) != '\r') {
            throw illegalBase64(j);
          }
        }
        flush(out, quantum, n);
        return out.toByteArray();
      }
      int d = alphabet.indexOf(c);
      if (d < 0) {
        throw illegalBase64(i);
      }
      quantum[n++] = d;
      if (n == 4) {
        flush(out, quantum, 4);
        n = 0;
      }
      i++;
    }
    if (n != 0) {
      throw illegalBase64(len - n);
    }
    return out.toByteArray();
  }

  private static void flush(ByteArrayOutputStream out, int[] q, int n) {
    int bits = (q[0] << 18) | (q[1] << 12) | (n > 2 ? q[2] << 6 : 0) | (n > 3 ? q[3] : 0);
    out.write(bits >> 16);
    if (n > 2) {
      out.write((bits >> 8) & 0xff);
    }
    if (n > 3) {
      out.write(bits & 0xff);
    }
  }

  private static BuiltinException illegalBase64(int at) {
    return BuiltinException.error("illegal base64 data at input byte " + at);
  }

  private static StringValue text(byte[] bytes) {
    return StringValue.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static Value hexEncode(BuiltinContext ctx, Value[] args) {
    byte[] bytes = Args.string(args, 0).getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return StringValue.of(out.toString());
  }

  private static Value hexDecode(BuiltinContext ctx, Value[] args) {
    String s = Args.string(args, 0);
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
        int cp = s.codePointAt(i);
        throw BuiltinException.error(
            String.format(
                "encoding/hex: invalid byte: U+%04X '%s'", cp, new String(Character.toChars(cp))));
      }
    }
    if (s.length() % 2 != 0) {
      throw BuiltinException.error("encoding/hex: odd length hex string");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return text(out);
  }

  /** Go's {@code url.QueryEscape}: unreserved characters stay, spaces become {@code +}. */
  static String queryEscape(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** Go's {@code url.QueryUnescape}. */
  static String queryUnescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      int c = in[i] & 0xff;
      if (c == '%') {
        if (i + 2 >= in.length || hexDigit(in[i + 1]) < 0 || hexDigit(in[i + 2]) < 0) {
          String bad = new String(in, i, Math.min(3, in.length - i), StandardCharsets.UTF_8);
          throw BuiltinException.error("invalid URL escape \"" + bad + "\"");
        }
        out.write(hexDigit(in[i + 1]) << 4 | hexDigit(in[i + 2]));
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hexDigit(byte b) {
    return b < 0 ? -1 : Character.digit((char) b, 16);
  }

  private static Value encodeObject(BuiltinContext ctx, Value[] args) {
    ObjectValue obj = Args.object(args, 0);
    Map<String, List<String>> query = new TreeMap<>();
    for (int i = 0; i < obj.size(); i++) {
      Value k = obj.keyAt(i);
      String key = k instanceof StringValue s ? s.value() : k.toJson();
      Value v = obj.valueAt(i);
      List<String> values = new ArrayList<>();
      if (v instanceof StringValue s) {
        values.add(s.value());
      } else if (v instanceof ArrayValue || v instanceof SetValue) {
        List<Value> items = v instanceof ArrayValue a ? a.elements() : ((SetValue) v).elements();
        for (Value item : items) {
          if (!(item instanceof StringValue s)) {
            throw encodeObjectError();
          }
          values.add(s.value());
        }
      } else {
        throw encodeObjectError();
      }
      query.put(key, values);
    }
    StringBuilder out = new StringBuilder();
    query.forEach(
        (k, values) -> {
          for (String v : values) {
            if (out.length() > 0) {
              out.append('&');
            }
            out.append(queryEscape(k)).append('=').append(queryEscape(v));
          }
        });
    return StringValue.of(out.toString());
  }

  private static BuiltinException encodeObjectError() {
    return BuiltinException.typeError(
        "operand 1 values must be string, array[string], or set[string]");
  }

  private static Value decodeObject(BuiltinContext ctx, Value[] args) {
    String s = Args.string(args, 0);
    Map<String, List<Value>> params = new LinkedHashMap<>();
    BuiltinException first = null;
    for (String part : s.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.contains(";")) {
        first =
            first != null ? first : BuiltinException.error("invalid semicolon separator in query");
        continue;
      }
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      try {
        String key = queryUnescape(k);
        String value = queryUnescape(v);
        params.computeIfAbsent(key, x -> new ArrayList<>()).add(StringValue.of(value));
      } catch (BuiltinException e) {
        first = first != null ? first : e;
      }
    }
    if (first != null) {
      throw first;
    }
    ObjectValue.Builder out = ObjectValue.builder();
    params.forEach((k, v) -> out.put(k, ArrayValue.of(v)));
    return out.build();
  }
}
