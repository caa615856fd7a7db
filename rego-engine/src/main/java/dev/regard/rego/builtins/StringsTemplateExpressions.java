package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pipelines inside {@code strings.render_template} actions, with Go {@code text/template}
 * semantics: field chains ({@code .a.b}), variables ({@code $x.a}), literals, parentheses, {@code
 * |} and the functions {@code and or not len index eq ne lt le gt ge print printf println}.
 *
 * <p>Values are Rego values as OPA hands them to the template (numbers are {@code json.Number},
 * which Go treats as strings), plus {@code Long} for Go ints (range indexes, integer literals) and
 * {@code null} for a missing key.
 */
final class StringsTemplateExpressions {
  static final Object MISSING = null;

  private final BuiltinContext ctx;
  private final String src;
  private final Value dot;
  private final Map<String, Object> scope;
  private int pos;

  private StringsTemplateExpressions(
      BuiltinContext ctx, String src, Value dot, Map<String, Object> scope) {
    this.ctx = ctx;
    this.src = src;
    this.dot = dot;
    this.scope = scope;
  }

  /** Evaluates an action's pipeline. */
  static Object evaluate(
      BuiltinContext ctx, String pipeline, Value dot, Map<String, Object> scope) {
    StringsTemplateExpressions e = new StringsTemplateExpressions(ctx, pipeline, dot, scope);
    Object v = e.pipeline();
    e.skipSpace();
    if (e.pos < e.src.length()) {
      throw error("unexpected \"" + e.src.charAt(e.pos) + "\" in command");
    }
    return v;
  }

  private Object pipeline() {
    Object value = command(false, null);
    skipSpace();
    while (pos < src.length() && src.charAt(pos) == '|') {
      pos++;
      value = command(true, value);
      skipSpace();
    }
    return value;
  }

  /** One command: a function with arguments, or a single operand. */
  private Object command(boolean piped, Object input) {
    skipSpace();
    int start = pos;
    String word = pos < src.length() && Character.isLetter(src.charAt(pos)) ? identifier() : "";
    if (!word.isEmpty() && !isLiteralWord(word)) {
      List<Object> args = new ArrayList<>();
      while (hasOperand()) {
        args.add(operand());
      }
      if (piped) {
        args.add(input);
      }
      return call(word, args);
    }
    pos = start;
    if (!hasOperand()) {
      throw error("missing value for command");
    }
    Object v = operand();
    if (piped || hasOperand()) {
      throw error("can't give argument to non-function " + src.substring(start, pos).strip());
    }
    return v;
  }

  private boolean hasOperand() {
    skipSpace();
    return pos < src.length() && src.charAt(pos) != '|' && src.charAt(pos) != ')';
  }

  private Object operand() {
    skipSpace();
    char c = src.charAt(pos);
    Object v;
    if (c == '(') {
      pos++;
      v = pipeline();
      skipSpace();
      if (pos >= src.length() || src.charAt(pos) != ')') {
        throw error("unclosed left paren");
      }
      pos++;
    } else if (c == '"' || c == '`') {
      v = StringValue.of(stringLiteral(c));
    } else if (c == '$') {
      pos++;
      String name = "$" + identifier();
      if (!scope.containsKey(name)) {
        throw error("undefined variable \"" + name + "\"");
      }
      v = scope.get(name);
    } else if (c == '.') {
      v = dot;
      if (pos + 1 >= src.length() || !Character.isLetter(src.charAt(pos + 1))) {
        pos++;
        return v;
      }
    } else if (c == '-' || Character.isDigit(c)) {
      int start = pos++;
      while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
        pos++;
      }
      String text = src.substring(start, pos);
      v = text.matches("-?\\d{1,18}") ? (Object) Long.parseLong(text) : NumberValue.parse(text);
    } else {
      String word = identifier();
      if (word.equals("true") || word.equals("false")) {
        return BooleanValue.of(word.equals("true"));
      }
      if (word.equals("nil")) {
        return NullValue.INSTANCE;
      }
      throw error("unexpected \"" + c + "\" in operand");
    }
    return fields(v);
  }

  /** Applies a chain of {@code .field} selectors. */
  private Object fields(Object v) {
    while (pos < src.length() && src.charAt(pos) == '.') {
      pos++;
      String field = identifier();
      if (field.isEmpty()) {
        throw error("unexpected . after term");
      }
      if (v instanceof ObjectValue o) {
        v = o.get(field);
      } else if (v != MISSING) {
        throw error("can't evaluate field " + field + " in type " + goType(v));
      }
    }
    return v;
  }

  private String identifier() {
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    return src.substring(start, pos);
  }

  private static boolean isLiteralWord(String word) {
    return word.equals("true") || word.equals("false") || word.equals("nil");
  }

  private String stringLiteral(char quote) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (pos < src.length() && src.charAt(pos) != quote) {
      char c = src.charAt(pos++);
      if (c == '\\' && quote == '"' && pos < src.length()) {
        char e = src.charAt(pos++);
        sb.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> e;
            });
      } else {
        sb.append(c);
      }
    }
    if (pos >= src.length()) {
      throw error("unterminated quoted string");
    }
    pos++;
    return sb.toString();
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  // ---- functions ----

  private Object call(String name, List<Object> args) {
    return switch (name) {
      case "and" -> andOr(args, false);
      case "or" -> andOr(args, true);
      case "not" -> BooleanValue.of(!truthy(single(name, args)));
      case "len" -> length(single(name, args));
      case "index" -> index(args);
      case "eq" -> BooleanValue.of(equalsAny(args));
      case "ne" -> BooleanValue.of(compare(name, args) != 0);
      case "lt" -> BooleanValue.of(compare(name, args) < 0);
      case "le" -> BooleanValue.of(compare(name, args) <= 0);
      case "gt" -> BooleanValue.of(compare(name, args) > 0);
      case "ge" -> BooleanValue.of(compare(name, args) >= 0);
      case "print" -> StringValue.of(sprint(args));
      case "println" -> StringValue.of(sprintln(args));
      case "printf" -> StringValue.of(printf(args));
      default -> throw error("function \"" + name + "\" not defined");
    };
  }

  private static Object single(String name, List<Object> args) {
    if (args.size() != 1) {
      throw error("wrong number of args for " + name + ": want 1 got " + args.size());
    }
    return args.get(0);
  }

  private static Object andOr(List<Object> args, boolean or) {
    if (args.isEmpty()) {
      throw error("wrong number of args: want at least 1 got 0");
    }
    for (Object a : args) {
      if (truthy(a) == or) {
        return a;
      }
    }
    return args.get(args.size() - 1);
  }

  private static Object length(Object v) {
    if (v instanceof StringValue s) {
      return (long) s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    if (v instanceof ArrayValue a) {
      return (long) a.size();
    }
    if (v instanceof SetValue s) {
      return (long) s.size();
    }
    if (v instanceof ObjectValue o) {
      return (long) o.size();
    }
    if (v instanceof NumberValue n) {
      return (long) n.toString().length(); // json.Number is a string
    }
    throw error("error calling len: len of type " + goType(v));
  }

  private static Object index(List<Object> args) {
    if (args.isEmpty()) {
      throw error("wrong number of args for index: want at least 1 got 0");
    }
    Object v = args.get(0);
    for (Object key : args.subList(1, args.size())) {
      if (v instanceof ObjectValue o && key instanceof StringValue k) {
        v = o.get(k);
      } else if (v instanceof ArrayValue a && integer(key) != null) {
        long i = integer(key);
        if (i < 0 || i >= a.size()) {
          throw error("error calling index: index out of range: " + i);
        }
        v = a.get((int) i);
      } else {
        throw error("error calling index: cannot index " + goType(v) + " with " + goType(key));
      }
    }
    return v;
  }

  private static Long integer(Object key) {
    if (key instanceof Long l) {
      return l;
    }
    return null;
  }

  /** Go's basic kinds: json.Number and strings compare as strings, ints as ints. */
  private static Object basic(Object v) {
    if (v instanceof Long || v instanceof BooleanValue) {
      return v;
    }
    if (v instanceof StringValue s) {
      return s.value();
    }
    if (v instanceof NumberValue n) {
      return n.toString();
    }
    throw error("error calling eq: invalid type for comparison");
  }

  private static boolean equalsAny(List<Object> args) {
    if (args.size() < 2) {
      throw error("wrong number of args for eq: want at least 2 got " + args.size());
    }
    Object first = basic(args.get(0));
    for (Object other : args.subList(1, args.size())) {
      Object b = basic(other);
      if (first.getClass() != b.getClass()) {
        throw error("error calling eq: incompatible types for comparison");
      }
      if (first.equals(b)) {
        return true;
      }
    }
    return false;
  }

  private static int compare(String name, List<Object> args) {
    if (args.size() != 2) {
      throw error("wrong number of args for " + name + ": want 2 got " + args.size());
    }
    Object a = basic(args.get(0));
    Object b = basic(args.get(1));
    if (a.getClass() != b.getClass()) {
      throw error("error calling " + name + ": incompatible types for comparison");
    }
    if (a instanceof Long la) {
      return Long.compare(la, (Long) b);
    }
    if (a instanceof String sa) {
      return StringValue.compareCodePoints(sa, (String) b);
    }
    if (!name.equals("ne")) {
      throw error("error calling " + name + ": invalid type for comparison");
    }
    return a.equals(b) ? 0 : 1;
  }

  /** Go's {@code fmt.Sprint}: spaces between operands when neither is a string. */
  private static String sprint(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0 && !isGoString(args.get(i - 1)) && !isGoString(args.get(i))) {
        sb.append(' ');
      }
      sb.append(goText(args.get(i)));
    }
    return sb.toString();
  }

  private static String sprintln(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      sb.append(i > 0 ? " " : "").append(goText(args.get(i)));
    }
    return sb.append('\n').toString();
  }

  private static boolean isGoString(Object v) {
    return v instanceof StringValue || v instanceof NumberValue;
  }

  private String printf(List<Object> args) {
    if (args.isEmpty() || !(args.get(0) instanceof StringValue format)) {
      throw error("error calling printf: the format must be a string");
    }
    List<Value> values = new ArrayList<>();
    for (Object a : args.subList(1, args.size())) {
      values.add(
          a instanceof Long l ? NumberValue.of(l) : a == MISSING ? NullValue.INSTANCE : (Value) a);
    }
    return StringsSprintf.format(ctx, format.value(), ArrayValue.of(values));
  }

  // ---- Go values ----

  /**
   * Go's truth: zero values are false. Numbers from the data are {@code json.Number} strings in
   * OPA, hence true even when zero; only Go ints (indexes, literals) can be a false zero.
   */
  static boolean truthy(Object v) {
    if (v == MISSING || v instanceof NullValue) {
      return false;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof BooleanValue b) {
      return b.value();
    }
    if (v instanceof NumberValue) {
      return true;
    }
    if (v instanceof StringValue s) {
      return !s.value().isEmpty();
    }
    if (v instanceof ArrayValue a) {
      return !a.isEmpty();
    }
    if (v instanceof SetValue s) {
      return !s.isEmpty();
    }
    return !((ObjectValue) v).isEmpty();
  }

  /** Go's {@code %v} of a value; numbers print as their JSON text. */
  static String goText(Object v) {
    if (v instanceof StringValue s) {
      return s.value();
    }
    if (v instanceof NullValue) {
      return "<nil>";
    }
    if (v instanceof ArrayValue || v instanceof SetValue) {
      List<Value> items = v instanceof ArrayValue a ? a.elements() : ((SetValue) v).elements();
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < items.size(); i++) {
        sb.append(i > 0 ? " " : "").append(goText(items.get(i)));
      }
      return sb.append(']').toString();
    }
    if (v instanceof ObjectValue o) {
      StringBuilder sb = new StringBuilder("map[");
      for (int i = 0; i < o.size(); i++) {
        sb.append(i > 0 ? " " : "")
            .append(goText(o.keyAt(i)))
            .append(':')
            .append(goText(o.valueAt(i)));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }

  static String goType(Object v) {
    if (v instanceof StringValue) {
      return "string";
    }
    if (v instanceof NumberValue) {
      return "json.Number";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof BooleanValue) {
      return "bool";
    }
    if (v instanceof ObjectValue) {
      return "map[string]interface {}";
    }
    if (v == MISSING || v instanceof NullValue) {
      return "<nil>";
    }
    return "[]interface {}";
  }

  static BuiltinException error(String message) {
    return BuiltinException.error("template: template:1: " + message);
  }
}
