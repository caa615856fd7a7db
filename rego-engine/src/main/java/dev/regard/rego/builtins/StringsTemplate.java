package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code strings.render_template}: Go's {@code text/template} as OPA uses it. Supported: output
 * actions with pipelines (see {@link StringsTemplateExpressions}), variable declarations ({@code
 * {{$x := .a}}}), {@code if} / {@code else if} / {@code else}, {@code range} (with {@code $i, $v
 * :=}), {@code with}, comments and the {@code {{-}} / {@code -}}} trim markers. A missing key
 * renders as {@code <undefined>}. Not supported: {@code define}, {@code template}, {@code block},
 * {@code break} and {@code continue}.
 */
final class StringsTemplate {
  private static final String UNDEFINED = "<undefined>";
  private static final Object MISSING = StringsTemplateExpressions.MISSING;
  private static final java.util.regex.Pattern DECLARATION =
      java.util.regex.Pattern.compile("(\\$\\w*)\\s*(:=|=)(?!=)");

  private final String src;
  private final List<Node> tokens = new ArrayList<>();
  private int pos;

  private StringsTemplate(String src) {
    this.src = src;
  }

  static String render(BuiltinContext ctx, String template, ObjectValue vars) {
    StringsTemplate t = new StringsTemplate(template);
    t.lex();
    List<Node> body = t.parseBlock(List.of());
    if (t.pos < t.tokens.size()) {
      Node stray = t.tokens.get(t.pos);
      throw error("unexpected {{" + stray.text + "}}");
    }
    StringBuilder out = new StringBuilder();
    Map<String, Object> scope = new HashMap<>();
    scope.put("$", vars);
    execute(ctx, body, vars, scope, out);
    return out.toString();
  }

  /** A lexed piece: literal text or an action, and after parsing, a tree node. */
  private static final class Node {
    final boolean action;
    final String text;
    List<Node> body = List.of();
    List<Node> elseBody = List.of();
    String keyVar;
    String valueVar;
    String expr;

    Node(boolean action, String text) {
      this.action = action;
      this.text = text;
    }
  }

  private void lex() {
    int i = 0;
    boolean trimNext = false;
    while (i < src.length()) {
      int open = src.indexOf("{{", i);
      String text = open < 0 ? src.substring(i) : src.substring(i, open);
      if (trimNext) {
        text = text.stripLeading();
      }
      if (open < 0) {
        addText(text);
        return;
      }
      int close = src.indexOf("}}", open + 2);
      if (close < 0) {
        throw error("unclosed action");
      }
      String inner = src.substring(open + 2, close);
      if (inner.startsWith("- ") || inner.equals("-")) {
        text = text.stripTrailing();
        inner = inner.substring(1);
      }
      trimNext = false;
      if (inner.endsWith(" -")) {
        trimNext = true;
        inner = inner.substring(0, inner.length() - 1);
      }
      addText(text);
      inner = inner.strip();
      if (!(inner.startsWith("/*") && inner.endsWith("*/"))) {
        tokens.add(new Node(true, inner));
      }
      i = close + 2;
    }
  }

  private void addText(String text) {
    if (!text.isEmpty()) {
      tokens.add(new Node(false, text));
    }
  }

  /** Parses nodes until one of the terminators ({@code end}, {@code else}) is next. */
  private List<Node> parseBlock(List<String> terminators) {
    List<Node> nodes = new ArrayList<>();
    while (pos < tokens.size()) {
      Node t = tokens.get(pos);
      String word = t.action ? firstWord(t.text) : "";
      if (t.action && terminators.contains(word)) {
        return nodes;
      }
      pos++;
      if (!t.action) {
        nodes.add(t);
      } else if (word.equals("if") || word.equals("range") || word.equals("with")) {
        nodes.add(parseControl(word, t.text.substring(word.length()).strip()));
      } else if (word.equals("end") || word.equals("else")) {
        throw error("unexpected {{" + word + "}}");
      } else if (t.text.isEmpty()) {
        throw error("missing value for command");
      } else {
        t.expr = t.text;
        nodes.add(t);
      }
    }
    if (!terminators.isEmpty()) {
      throw error("unexpected EOF");
    }
    return nodes;
  }

  private Node parseControl(String word, String rest) {
    Node n = new Node(true, word);
    if (word.equals("range") && rest.contains(":=")) {
      String[] parts = rest.split(":=", 2);
      String[] vars = parts[0].split(",");
      if (vars.length == 2) {
        n.keyVar = vars[0].strip();
        n.valueVar = vars[1].strip();
      } else {
        n.valueVar = vars[0].strip();
      }
      rest = parts[1].strip();
    }
    if (rest.isEmpty()) {
      throw error("missing value for " + word);
    }
    n.expr = rest;
    n.body = parseBlock(List.of("end", "else"));
    Node terminator = tokens.get(pos++);
    if (firstWord(terminator.text).equals("else")) {
      String elseRest = terminator.text.substring(4).strip();
      if (elseRest.startsWith("if ") && word.equals("if")) {
        // "else if" chains: the nested if shares this if's end.
        n.elseBody = List.of(parseControl("if", elseRest.substring(3).strip()));
        return n;
      }
      n.elseBody = parseBlock(List.of("end"));
      pos++;
    }
    return n;
  }

  private static String firstWord(String text) {
    int sp = 0;
    while (sp < text.length() && !Character.isWhitespace(text.charAt(sp))) {
      sp++;
    }
    return text.substring(0, sp);
  }

  private static void execute(
      BuiltinContext ctx,
      List<Node> nodes,
      Value dot,
      Map<String, Object> scope,
      StringBuilder out) {
    for (Node n : nodes) {
      ctx.charge(1);
      if (!n.action) {
        out.append(n.text);
      } else if (n.text.equals("if")) {
        execute(
            ctx,
            StringsTemplateExpressions.truthy(eval(ctx, n.expr, dot, scope)) ? n.body : n.elseBody,
            dot,
            scope,
            out);
      } else if (n.text.equals("with")) {
        Object v = eval(ctx, n.expr, dot, scope);
        if (StringsTemplateExpressions.truthy(v)) {
          execute(ctx, n.body, v instanceof Value value ? value : dot, scope, out);
        } else {
          execute(ctx, n.elseBody, dot, scope, out);
        }
      } else if (n.text.equals("range")) {
        range(ctx, n, eval(ctx, n.expr, dot, scope), scope, out);
      } else if (DECLARATION.matcher(n.expr).lookingAt()) {
        java.util.regex.Matcher m = DECLARATION.matcher(n.expr);
        m.lookingAt();
        if (m.group(2).equals("=") && !scope.containsKey(m.group(1))) {
          throw error("undefined variable \"" + m.group(1) + "\"");
        }
        scope.put(m.group(1), eval(ctx, n.expr.substring(m.end()), dot, scope));
      } else {
        Object v = eval(ctx, n.expr, dot, scope);
        out.append(v == MISSING ? UNDEFINED : StringsTemplateExpressions.goText(v));
      }
    }
  }

  private static void range(
      BuiltinContext ctx, Node n, Object over, Map<String, Object> scope, StringBuilder out) {
    // Each item: the key (a Go int index for lists) and the element.
    List<Object[]> items = new ArrayList<>();
    if (over instanceof ArrayValue a) {
      for (int i = 0; i < a.size(); i++) {
        items.add(new Object[] {(long) i, a.get(i)});
      }
    } else if (over instanceof SetValue s) {
      for (int i = 0; i < s.size(); i++) {
        items.add(new Object[] {(long) i, s.elements().get(i)});
      }
    } else if (over instanceof ObjectValue o) {
      for (int i = 0; i < o.size(); i++) {
        items.add(new Object[] {o.keyAt(i), o.valueAt(i)});
      }
    } else if (over != MISSING && !(over instanceof NullValue)) {
      throw error("range can't iterate over " + StringsTemplateExpressions.goText(over));
    }
    if (items.isEmpty()) {
      execute(ctx, n.elseBody, over instanceof Value v ? v : NullValue.INSTANCE, scope, out);
      return;
    }
    for (Object[] item : items) {
      Map<String, Object> inner = new HashMap<>(scope);
      if (n.keyVar != null) {
        inner.put(n.keyVar, item[0]);
      }
      if (n.valueVar != null) {
        inner.put(n.valueVar, item[1]);
      }
      execute(ctx, n.body, (Value) item[1], inner, out);
    }
  }

  private static Object eval(
      BuiltinContext ctx, String expr, Value dot, Map<String, Object> scope) {
    return StringsTemplateExpressions.evaluate(ctx, expr, dot, scope);
  }

  private static BuiltinException error(String message) {
    return StringsTemplateExpressions.error(message);
  }
}
