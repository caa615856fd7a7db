package dev.regard.triage.companion;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a committed companion differs from a fresh export of the Markdown, path by path (JSON
 * Pointer, e.g. {@code /scope/outOfScope/2/paths/0}). Lists are compared position by position,
 * since the companion keeps document order.
 */
public final class CompanionDrift {
  /**
   * One difference.
   *
   * @param path the JSON Pointer of the member
   * @param committed the committed value, or {@code null} when the export added the member
   * @param exported the freshly exported value, or {@code null} when the export no longer has it
   */
  public record Difference(String path, JsonNode committed, JsonNode exported) {
    /** One line for people: what changed where. */
    public String describe() {
      if (committed == null) {
        return path + ": missing from the companion; the Markdown has " + shorten(exported);
      }
      if (exported == null) {
        return path + ": no longer in the Markdown; the companion has " + shorten(committed);
      }
      return path
          + ": the companion has "
          + shorten(committed)
          + ", the Markdown "
          + shorten(exported);
    }

    private static String shorten(JsonNode value) {
      String text = value.toString();
      return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
  }

  private CompanionDrift() {}

  /** Every difference, in document order; empty when the companion is up to date. */
  public static List<Difference> between(JsonNode committed, JsonNode exported) {
    List<Difference> out = new ArrayList<>();
    compare("", committed, exported, out);
    return out;
  }

  private static void compare(String path, JsonNode a, JsonNode b, List<Difference> out) {
    if (a.isObject() && b.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      b.fieldNames().forEachRemaining(names::add);
      a.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        member(path + "/" + escape(name), a.get(name), b.get(name), out);
      }
    } else if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        member(path + "/" + i, a.get(i), b.get(i), out);
      }
    } else if (!a.equals(b)) {
      out.add(new Difference(path.isEmpty() ? "/" : path, a, b));
    }
  }

  private static void member(String path, JsonNode a, JsonNode b, List<Difference> out) {
    if (a == null || b == null) {
      out.add(new Difference(path, a, b));
    } else {
      compare(path, a, b, out);
    }
  }

  /** JSON Pointer escaping (RFC 6901). */
  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
