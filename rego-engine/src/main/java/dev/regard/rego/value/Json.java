package dev.regard.rego.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text and plain Java objects to and from {@link Value}s, streamed through Jackson. */
public final class Json {
  /** Deepest nesting accepted in JSON input, so hostile documents cannot exhaust the stack. */
  public static final int MAX_DEPTH = 512;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(10_000)
                  .build())
          .build();

  private Json() {}

  /** Parses one JSON document; {@code source} names it in error messages. */
  public static Value parse(String json, String source) {
    try (JsonParser p = FACTORY.createParser(json)) {
      try {
        return readDocument(p, source);
      } catch (IOException e) {
        throw error(source, e, p.currentLocation());
      }
    } catch (IOException e) {
      throw error(source, e, null);
    }
  }

  public static Value parse(String json) {
    return parse(json, "<json>");
  }

  /** Reads one JSON document from a stream, which the caller closes. */
  public static Value read(InputStream in, String source) {
    try (JsonParser p = FACTORY.createParser(in)) {
      try {
        return readDocument(p, source);
      } catch (IOException e) {
        throw error(source, e, p.currentLocation());
      }
    } catch (IOException e) {
      throw error(source, e, null);
    }
  }

  private static Value readDocument(JsonParser p, String source) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new JsonFormatException(source, 1, 1, "empty document");
    }
    Value v = readValue(p, first);
    if (p.nextToken() != null) {
      JsonLocation at = p.currentTokenLocation();
      throw new JsonFormatException(
          source, at.getLineNr(), at.getColumnNr(), "unexpected content after the document");
    }
    return v;
  }

  private static Value readValue(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        {
          ObjectValue.Builder b = ObjectValue.builder();
          for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            b.put(StringValue.of(key), readValue(p, p.nextToken()));
          }
          return b.build();
        }
      case START_ARRAY:
        {
          List<Value> items = new ArrayList<>();
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(readValue(p, t));
          }
          return ArrayValue.of(items);
        }
      case VALUE_STRING:
        return StringValue.of(p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        try {
          return NumberValue.parse(p.getText());
        } catch (NumberFormatException e) {
          // An exponent beyond what BigDecimal represents, such as 1e999999999999.
          throw new JsonParseException(
              p, "number out of range: " + p.getText(), p.currentTokenLocation());
        }
      case VALUE_TRUE:
        return BooleanValue.TRUE;
      case VALUE_FALSE:
        return BooleanValue.FALSE;
      case VALUE_NULL:
        return NullValue.INSTANCE;
      default:
        JsonLocation at = p.currentTokenLocation();
        throw new JsonParseException(p, "unexpected token " + token, at);
    }
  }

  /** Malformed or over-limit input becomes a located error; a failing stream stays an I/O error. */
  private static RuntimeException error(String source, IOException e, JsonLocation current) {
    if (e instanceof JsonProcessingException jpe) {
      JsonLocation at = jpe.getLocation() != null ? jpe.getLocation() : current;
      int line = at == null ? 0 : at.getLineNr();
      int column = at == null ? 0 : at.getColumnNr();
      return new JsonFormatException(source, line, column, jpe.getOriginalMessage());
    }
    return new UncheckedIOException("cannot read " + source, e);
  }

  /** Compact JSON text; sets are written as arrays and non-string keys as their JSON text. */
  public static String write(Value v) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Indented JSON text, for people. */
  public static String writePretty(Value v) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      write(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static void write(JsonGenerator g, Value v) throws IOException {
    if (v instanceof NullValue) {
      g.writeNull();
    } else if (v instanceof BooleanValue b) {
      g.writeBoolean(b.value());
    } else if (v instanceof NumberValue n) {
      g.writeNumber(n.toString());
    } else if (v instanceof StringValue s) {
      g.writeString(s.value());
    } else if (v instanceof ArrayValue a) {
      g.writeStartArray();
      for (Value e : a.elements()) {
        write(g, e);
      }
      g.writeEndArray();
    } else if (v instanceof SetValue s) {
      g.writeStartArray();
      for (Value e : s.elements()) {
        write(g, e);
      }
      g.writeEndArray();
    } else if (v instanceof ObjectValue o) {
      g.writeStartObject();
      for (int i = 0; i < o.size(); i++) {
        Value k = o.keyAt(i);
        g.writeFieldName(k instanceof StringValue s ? s.value() : write(k));
        write(g, o.valueAt(i));
      }
      g.writeEndObject();
    }
  }

  /**
   * Converts plain Java objects: null, Boolean, Number, CharSequence, Map, Collection, arrays of
   * objects and Values themselves. Anything else is rejected.
   */
  public static Value fromJava(Object o) {
    if (o == null) {
      return NullValue.INSTANCE;
    } else if (o instanceof Value v) {
      return v;
    } else if (o instanceof Boolean b) {
      return BooleanValue.of(b);
    } else if (o instanceof Integer
        || o instanceof Long
        || o instanceof Short
        || o instanceof Byte) {
      return NumberValue.of(((Number) o).longValue());
    } else if (o instanceof BigInteger bi) {
      return NumberValue.of(bi);
    } else if (o instanceof BigDecimal bd) {
      return NumberValue.of(bd);
    } else if (o instanceof Number n) {
      return NumberValue.of(n.doubleValue());
    } else if (o instanceof CharSequence s) {
      return StringValue.of(s.toString());
    } else if (o instanceof Map<?, ?> m) {
      ObjectValue.Builder b = ObjectValue.builder();
      m.forEach((k, val) -> b.put(fromJava(k), fromJava(val)));
      return b.build();
    } else if (o instanceof Collection<?> c) {
      List<Value> items = new ArrayList<>(c.size());
      c.forEach(e -> items.add(fromJava(e)));
      return ArrayValue.of(items);
    } else if (o instanceof Object[] arr) {
      return fromJava(List.of(arr));
    }
    throw new IllegalArgumentException("not a JSON-like value: " + o.getClass().getName());
  }

  /** Plain Java objects: Map (sorted), List (also for sets), String, BigDecimal/Long, Boolean. */
  public static Object toJava(Value v) {
    if (v instanceof NullValue) {
      return null;
    } else if (v instanceof BooleanValue b) {
      return b.value();
    } else if (v instanceof NumberValue n) {
      return n.fitsLong() ? (Object) n.longValue() : n.bigDecimalValue();
    } else if (v instanceof StringValue s) {
      return s.value();
    } else if (v instanceof ArrayValue a) {
      List<Object> out = new ArrayList<>(a.size());
      a.elements().forEach(e -> out.add(toJava(e)));
      return out;
    } else if (v instanceof SetValue s) {
      List<Object> out = new ArrayList<>(s.size());
      s.elements().forEach(e -> out.add(toJava(e)));
      return out;
    }
    ObjectValue o = (ObjectValue) v;
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < o.size(); i++) {
      Value k = o.keyAt(i);
      out.put(k instanceof StringValue s ? s.value() : write(k), toJava(o.valueAt(i)));
    }
    return out;
  }

  private static final class JsonParseException
      extends com.fasterxml.jackson.core.JsonParseException {
    JsonParseException(JsonParser p, String msg, JsonLocation at) {
      super(p, msg, at);
    }
  }
}
