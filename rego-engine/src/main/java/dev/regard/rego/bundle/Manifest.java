package dev.regard.rego.bundle;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A bundle's {@code .manifest}.
 *
 * @param revision the bundle's revision, "" when not given
 * @param roots the data paths the bundle owns, slash-separated; {@code [""]} (everything) when not
 *     given
 * @param metadata free-form metadata, empty when not given
 * @param regoVersion the declared Rego version (only 1 is supported), or null
 */
public record Manifest(
    String revision, List<String> roots, ObjectValue metadata, Integer regoVersion) {
  /** The manifest of a bundle that has none: no revision, owns everything. */
  public static final Manifest DEFAULT = new Manifest("", List.of(""), ObjectValue.EMPTY, null);

  public Manifest {
    roots = List.copyOf(roots);
  }

  /** Reads and validates a {@code .manifest} document. */
  static Manifest parse(byte[] content) {
    Value doc = DataDocuments.parseJson(content, ".manifest");
    if (!(doc instanceof ObjectValue o)) {
      throw new BundleException(".manifest: must be a JSON object");
    }
    String revision = "";
    Value rev = o.get("revision");
    if (rev != null) {
      if (!(rev instanceof StringValue s)) {
        throw new BundleException(".manifest: revision must be a string");
      }
      revision = s.value();
    }
    List<String> roots = List.of("");
    Value r = o.get("roots");
    if (r != null) {
      if (!(r instanceof ArrayValue a)) {
        throw new BundleException(".manifest: roots must be an array of strings");
      }
      List<String> list = new ArrayList<>();
      for (Value e : a.elements()) {
        if (!(e instanceof StringValue s)) {
          throw new BundleException(".manifest: roots must be an array of strings");
        }
        list.add(trimSlashes(s.value()));
      }
      roots = list;
    }
    checkRootsDisjoint(roots);
    ObjectValue metadata = ObjectValue.EMPTY;
    Value m = o.get("metadata");
    if (m != null) {
      if (!(m instanceof ObjectValue mo)) {
        throw new BundleException(".manifest: metadata must be an object");
      }
      metadata = mo;
    }
    Integer regoVersion = null;
    Value v = o.get("rego_version");
    if (v != null) {
      regoVersion = version(v, "rego_version");
    }
    Value perFile = o.get("file_rego_versions");
    if (perFile instanceof ObjectValue files) {
      for (Value fv : files.values()) {
        version(fv, "file_rego_versions");
      }
    }
    if (o.get("wasm") instanceof ArrayValue wasm && !wasm.isEmpty()) {
      throw new BundleException(".manifest: Wasm modules are not supported");
    }
    return new Manifest(revision, roots, metadata, regoVersion);
  }

  /** Only Rego v1 is understood; a bundle written for v0 is refused rather than misread. */
  private static int version(Value v, String field) {
    if (!(v instanceof NumberValue n) || !n.isInteger() || !n.fitsLong()) {
      throw new BundleException(".manifest: " + field + " must be an integer");
    }
    if (n.longValue() != 1) {
      throw new BundleException(
          ".manifest: " + field + " " + n + " is not supported (only Rego v1)");
    }
    return 1;
  }

  /** OPA refuses manifests whose roots overlap, since two bundles could then own one path. */
  private static void checkRootsDisjoint(List<String> roots) {
    for (int i = 0; i < roots.size(); i++) {
      for (int j = 0; j < roots.size(); j++) {
        if (i != j && covers(roots.get(i), roots.get(j))) {
          throw new BundleException(
              ".manifest: roots '" + roots.get(i) + "' and '" + roots.get(j) + "' overlap");
        }
      }
    }
  }

  /** True when the data path (slash-separated) lies inside one of the roots. */
  public boolean owns(String path) {
    return roots.stream().anyMatch(root -> covers(root, path));
  }

  /** True when the path is a strict ancestor of some root (so it may hold roots beneath it). */
  boolean isAncestorOfRoot(String path) {
    return roots.stream().anyMatch(root -> !root.equals(path) && covers(path, root));
  }

  /** Whether {@code ancestor} equals {@code path} or is a whole-segment prefix of it. */
  static boolean covers(String ancestor, String path) {
    return ancestor.isEmpty()
        || path.equals(ancestor)
        || (path.startsWith(ancestor) && path.charAt(ancestor.length()) == '/');
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }
}
