package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's regular-expression builtins, on RE2 syntax and semantics (linear-time matching, so a policy
 * cannot stall evaluation with a pathological pattern). Iteration over matches follows Go's {@code
 * regexp}: an empty match right after a previous match is skipped.
 */
final class RegexBuiltins {
  private static final RegexCache<Pattern> PATTERNS = new RegexCache<>(1000);
  private static final RegexCache<Pattern> TEMPLATES = new RegexCache<>(1000);

  private RegexBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("regex.is_valid", fn(B, A), RegexBuiltins::isValid);
    b.add("regex.match", fn(B, S, S), RegexBuiltins::match);
    b.add("regex.split", fn(arr(S), S, S), RegexBuiltins::split);
    b.add("regex.find_n", fn(arr(S), S, S, N), RegexBuiltins::findN);
    b.add(
        "regex.find_all_string_submatch_n",
        fn(arr(arr(S)), S, S, N),
        RegexBuiltins::findAllSubmatch);
    b.add("regex.replace", fn(S, S, S, S), RegexBuiltins::replace);
    b.add("regex.template_match", fn(B, S, S, S, S), RegexBuiltins::templateMatch);
    b.add("regex.globs_match", fn(B, S, S), RegexGlobsIntersection::globsMatch);
  }

  /** The compiled pattern; a syntax error is a builtin error with Go's message. */
  static Pattern compile(String pattern) {
    return PATTERNS.get(pattern, RegexBuiltins::compileUncached);
  }

  /** Compiles without caching; a syntax error is a builtin error with Go's message. */
  static Pattern compileUncached(String pattern) {
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  private static Value isValid(BuiltinContext ctx, Value[] a) {
    if (!(a[0] instanceof StringValue s)) {
      return BooleanValue.FALSE;
    }
    try {
      compile(s.value());
      return BooleanValue.TRUE;
    } catch (BuiltinException e) {
      return BooleanValue.FALSE;
    }
  }

  private static Value match(BuiltinContext ctx, Value[] a) {
    String pattern = Args.string(a, 0);
    String value = Args.string(a, 1);
    return BooleanValue.of(compile(pattern).matcher(value).find());
  }

  /**
   * Go's {@code FindAllStringSubmatchIndex}: up to {@code limit} matches (all when negative), each
   * as group start/end pairs (-1 for a group that did not take part).
   */
  private static List<int[]> findAll(BuiltinContext ctx, Pattern p, String s, long limit) {
    List<int[]> out = new ArrayList<>();
    Matcher m = p.matcher(s);
    int pos = 0;
    int prevEnd = -1;
    while ((limit < 0 || out.size() < limit) && pos <= s.length() && m.find(pos)) {
      ctx.charge(1);
      boolean accept = true;
      if (m.end() == m.start()) {
        if (m.start() == prevEnd) {
          accept = false; // no empty match right after a previous match
        }
        pos =
            m.end() < s.length()
                ? m.end() + Character.charCount(s.codePointAt(m.end()))
                : m.end() + 1;
      } else {
        pos = m.end();
      }
      prevEnd = m.end();
      if (accept) {
        int[] groups = new int[2 * (m.groupCount() + 1)];
        for (int g = 0; g <= m.groupCount(); g++) {
          groups[2 * g] = m.start(g);
          groups[2 * g + 1] = m.end(g);
        }
        out.add(groups);
      }
    }
    return out;
  }

  private static Value split(BuiltinContext ctx, Value[] a) {
    Pattern p = compile(Args.string(a, 0));
    String s = Args.string(a, 1);
    List<Value> parts = new ArrayList<>();
    if (!p.pattern().isEmpty() && s.isEmpty()) {
      return ArrayValue.of(StringValue.EMPTY);
    }
    int begin = 0;
    int end = 0;
    for (int[] match : findAll(ctx, p, s, -1)) {
      end = match[0];
      if (match[1] != 0) {
        parts.add(StringValue.of(s.substring(begin, end)));
      }
      begin = match[1];
    }
    if (end != s.length()) {
      parts.add(StringValue.of(s.substring(begin)));
    }
    return ArrayValue.of(parts);
  }

  private static Value findN(BuiltinContext ctx, Value[] a) {
    Pattern p = compile(Args.string(a, 0));
    String s = Args.string(a, 1);
    long n = StringsBuiltins.intOperand(a, 2);
    List<Value> out = new ArrayList<>();
    for (int[] match : findAll(ctx, p, s, n)) {
      out.add(StringValue.of(s.substring(match[0], match[1])));
    }
    return ArrayValue.of(out);
  }

  private static Value findAllSubmatch(BuiltinContext ctx, Value[] a) {
    Pattern p = compile(Args.string(a, 0));
    String s = Args.string(a, 1);
    long n = StringsBuiltins.intOperand(a, 2);
    List<Value> out = new ArrayList<>();
    for (int[] match : findAll(ctx, p, s, n)) {
      List<Value> groups = new ArrayList<>();
      for (int g = 0; g < match.length; g += 2) {
        groups.add(
            match[g] < 0 ? StringValue.EMPTY : StringValue.of(s.substring(match[g], match[g + 1])));
      }
      out.add(ArrayValue.of(groups));
    }
    return ArrayValue.of(out);
  }

  private static Value replace(BuiltinContext ctx, Value[] a) {
    String s = Args.string(a, 0);
    Pattern p = compile(Args.string(a, 1));
    String template = Args.string(a, 2);
    StringBuilder out = new StringBuilder();
    int last = 0;
    for (int[] match : findAll(ctx, p, s, -1)) {
      out.append(s, last, match[0]);
      expand(out, template, s, match, p);
      last = match[1];
      ctx.charge(out.length() / 4096);
    }
    out.append(s.substring(last));
    return StringValue.of(out.toString());
  }

  /**
   * Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name} and {@code ${name}} insert
   * a group ({@code $name} takes the longest run of letters, digits and underscores); {@code $$} is
   * a dollar sign; an unknown group inserts nothing.
   */
  private static void expand(StringBuilder out, String template, String s, int[] match, Pattern p) {
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      int after;
      if (next == '{') {
        int close = template.indexOf('}', i + 2);
        name = close < 0 ? "" : template.substring(i + 2, close);
        if (close < 0 || !isName(name)) {
          out.append(c);
          i++;
          continue;
        }
        after = close + 1;
      } else {
        int j = i + 1;
        while (j < template.length() && isNameChar(template.charAt(j))) {
          j++;
        }
        name = template.substring(i + 1, j);
        if (name.isEmpty()) {
          out.append(c);
          i++;
          continue;
        }
        after = j;
      }
      int group = groupIndex(name, p);
      if (group >= 0 && 2 * group + 1 < match.length && match[2 * group] >= 0) {
        out.append(s, match[2 * group], match[2 * group + 1]);
      }
      i = after;
    }
  }

  private static int groupIndex(String name, Pattern p) {
    if (name.chars().allMatch(Character::isDigit)) {
      return name.length() > 9 ? -1 : Integer.parseInt(name);
    }
    Integer named = p.namedGroups().get(name);
    return named == null ? -1 : named;
  }

  private static boolean isName(String name) {
    return !name.isEmpty() && name.chars().allMatch(ch -> isNameChar((char) ch));
  }

  private static boolean isNameChar(char ch) {
    return ch == '_' || Character.isLetterOrDigit(ch);
  }

  private static Value templateMatch(BuiltinContext ctx, Value[] a) {
    String template = Args.string(a, 0);
    String value = Args.string(a, 1);
    String start = Args.string(a, 2);
    String end = Args.string(a, 3);
    if (start.length() != 1) {
      throw BuiltinException.error(
          "start delimiter has to be exactly one character long but is "
              + start.length()
              + " long");
    }
    if (end.length() != 1) {
      // OPA reports the start delimiter's length here.
      throw BuiltinException.error(
          "end delimiter has to be exactly one character long but is " + start.length() + " long");
    }
    Pattern p =
        TEMPLATES.get(
            start + end + template, k -> compileTemplate(template, start.charAt(0), end.charAt(0)));
    return BooleanValue.of(p.matcher(value).find());
  }

  /**
   * Turns a template such as {@code urn:{[a-z]+}:x} into an anchored pattern: text outside the
   * delimiters is literal, text inside is a regular expression.
   */
  private static Pattern compileTemplate(String template, char open, char close) {
    StringBuilder regex = new StringBuilder("^");
    int depth = 0;
    int segmentStart = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == open) {
        if (depth == 0) {
          regex.append(Pattern.quote(template.substring(segmentStart, i)));
          segmentStart = i + 1;
        }
        depth++;
      } else if (c == close) {
        depth--;
        if (depth < 0) {
          throw unbalanced(template);
        }
        if (depth == 0) {
          String inner = template.substring(segmentStart, i);
          compileUncached("^" + inner + "$"); // reports a bad part as OPA does, on its own
          regex.append('(').append(inner).append(')');
          segmentStart = i + 1;
        }
      }
    }
    if (depth != 0) {
      throw unbalanced(template);
    }
    regex.append(Pattern.quote(template.substring(segmentStart))).append('$');
    return compileUncached(regex.toString());
  }

  private static BuiltinException unbalanced(String template) {
    return BuiltinException.error("unbalanced braces in " + StringsSprintf.goQuote(template));
  }
}
