package dev.regard.rego.builtins;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code regex.globs_match}: whether two patterns of the restricted syntax OPA accepts here match a
 * common string. A pattern is a sequence of tokens (a character, {@code .}, a class {@code [a-z]}
 * or an escaped character) each optionally followed by {@code *} or {@code +}. The test walks the
 * product of the two patterns' automata, which is quadratic in their lengths.
 */
final class RegexGlobsIntersection {
  private RegexGlobsIntersection() {}

  /** A set of characters: listed ranges, or everything but them. */
  private record CharSet(boolean negated, List<int[]> ranges) {
    static final CharSet ANY = new CharSet(true, List.of());

    boolean contains(int c) {
      boolean in = false;
      for (int[] r : ranges) {
        in |= r[0] <= c && c <= r[1];
      }
      return in != negated;
    }

    boolean intersects(CharSet o) {
      if (negated && o.negated) {
        return true; // two finite exclusions leave most of Unicode
      }
      if (negated) {
        return o.intersects(this);
      }
      for (int[] r : ranges) {
        // Candidates: each range's bounds and the points just past the other set's ranges.
        List<Integer> candidates = new ArrayList<>(List.of(r[0], r[1]));
        for (int[] q : o.ranges) {
          candidates.add(q[0]);
          candidates.add(q[1] + 1);
        }
        for (int c : candidates) {
          if (c >= r[0] && c <= r[1] && o.contains(c)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** A token, and whether it repeats any number of times. */
  private record Token(CharSet chars, boolean star) {}

  static Value globsMatch(BuiltinContext ctx, Value[] a) {
    List<Token> x = parse(Args.string(a, 0));
    List<Token> y = parse(Args.string(a, 1));
    ctx.charge((long) (x.size() + 1) * (y.size() + 1));
    return BooleanValue.of(intersect(x, y));
  }

  private static List<Token> parse(String glob) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < glob.length()) {
      int c = glob.codePointAt(i);
      CharSet set;
      if (c == '.') {
        set = CharSet.ANY;
        i++;
      } else if (c == '\\') {
        if (i + 1 >= glob.length()) {
          throw invalid(glob);
        }
        int escaped = glob.codePointAt(i + 1);
        set = new CharSet(false, List.of(new int[] {escaped, escaped}));
        i += 1 + Character.charCount(escaped);
      } else if (c == '[') {
        int close = i + 1;
        List<int[]> ranges = new ArrayList<>();
        boolean negated = close < glob.length() && glob.charAt(close) == '^';
        if (negated) {
          close++;
        }
        while (close < glob.length() && glob.charAt(close) != ']') {
          int lo = glob.codePointAt(close);
          if (lo == '\\' && close + 1 < glob.length()) {
            close++;
            lo = glob.codePointAt(close);
          }
          close += Character.charCount(lo);
          int hi = lo;
          if (close + 1 < glob.length()
              && glob.charAt(close) == '-'
              && glob.charAt(close + 1) != ']') {
            hi = glob.codePointAt(close + 1);
            close += 1 + Character.charCount(hi);
          }
          if (hi < lo) {
            throw invalid(glob);
          }
          ranges.add(new int[] {lo, hi});
        }
        if (close >= glob.length()) {
          throw invalid(glob);
        }
        set = new CharSet(negated, ranges);
        i = close + 1;
      } else if (c == '*' || c == '+' || c == ']') {
        throw invalid(glob);
      } else {
        set = new CharSet(false, List.of(new int[] {c, c}));
        i += Character.charCount(c);
      }
      if (i < glob.length() && glob.charAt(i) == '*') {
        tokens.add(new Token(set, true));
        i++;
      } else if (i < glob.length() && glob.charAt(i) == '+') {
        tokens.add(new Token(set, false));
        tokens.add(new Token(set, true));
        i++;
      } else {
        tokens.add(new Token(set, false));
      }
    }
    return tokens;
  }

  private static BuiltinException invalid(String glob) {
    return BuiltinException.error("input glob is invalid: " + StringsSprintf.goQuote(glob));
  }

  /** Breadth-first search over pairs of positions; a pair at both ends is a common string. */
  private static boolean intersect(List<Token> x, List<Token> y) {
    ArrayDeque<int[]> queue = new ArrayDeque<>();
    Set<Long> seen = new HashSet<>();
    push(queue, seen, 0, 0, x, y);
    while (!queue.isEmpty()) {
      int[] state = queue.poll();
      int i = state[0];
      int j = state[1];
      if (i == x.size() && j == y.size()) {
        return true;
      }
      if (i < x.size() && j < y.size() && x.get(i).chars().intersects(y.get(j).chars())) {
        push(queue, seen, x.get(i).star() ? i : i + 1, y.get(j).star() ? j : j + 1, x, y);
      }
    }
    return false;
  }

  /** Adds a state and every state reachable from it by skipping starred tokens. */
  private static void push(
      ArrayDeque<int[]> queue, Set<Long> seen, int i, int j, List<Token> x, List<Token> y) {
    for (int a = i; a <= x.size(); a++) {
      for (int b = j; b <= y.size(); b++) {
        if (seen.add(((long) a << 32) | b)) {
          queue.add(new int[] {a, b});
        }
        if (b == y.size() || !y.get(b).star()) {
          break;
        }
      }
      if (a == x.size() || !x.get(a).star()) {
        break;
      }
    }
  }
}
