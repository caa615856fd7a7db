package dev.regard.kafka.bundle;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.JsonFormatException;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw bundle files into a {@link Bundle} as OPA lays bundles out: {@code .manifest} (revision
 * and roots), {@code *.rego} modules, and {@code data.json} files whose directory is their path in
 * {@code data}. Signatures are checked first when a verifier is given. Other files are ignored,
 * except YAML data, which is refused rather than silently dropped.
 */
public final class BundleReader {
  private static final String MANIFEST = ".manifest";
  private static final Pattern PACKAGE =
      Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)");

  private final Optional<BundleVerifier> verifier;

  public BundleReader(Optional<BundleVerifier> verifier) {
    this.verifier = verifier;
  }

  public Bundle read(BundleFiles raw) throws BundleException {
    Map<String, byte[]> files = raw.files();
    if (verifier.isPresent()) {
      verifier.get().verify(files);
    }
    String manifestRevision = "";
    List<String> roots = List.of("");
    if (files.containsKey(MANIFEST)) {
      Value manifest = parseJson(MANIFEST, files.get(MANIFEST));
      if (!(manifest instanceof ObjectValue m)) {
        throw new BundleException(MANIFEST + ": not a JSON object");
      }
      if (m.get("revision") instanceof StringValue s) {
        manifestRevision = s.value();
      }
      Value rootsValue = m.get("roots");
      if (rootsValue instanceof ArrayValue a) {
        roots = new ArrayList<>();
        for (Value r : a.elements()) {
          if (!(r instanceof StringValue s)) {
            throw new BundleException(MANIFEST + ": roots must be strings");
          }
          roots.add(s.value().replaceAll("^/+|/+$", ""));
        }
      } else if (rootsValue != null) {
        throw new BundleException(MANIFEST + ": roots must be an array");
      }
    }
    Map<String, String> modules = new TreeMap<>();
    ObjectValue data = ObjectValue.EMPTY;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      String base = name.substring(name.lastIndexOf('/') + 1);
      String dir = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
      if (name.endsWith(".rego")) {
        String source = utf8(name, file.getValue());
        Matcher pkg = PACKAGE.matcher(source);
        if (pkg.find()) {
          requireUnderRoots(name, pkg.group(1).replace('.', '/'), roots);
        }
        modules.put(name, source);
      } else if (base.equals("data.json")) {
        requireUnderRoots(name, dir, roots);
        data = merge(data, nest(dir, parseJson(name, file.getValue())), name);
      } else if (base.equals("data.yaml") || base.equals("data.yml")) {
        throw new BundleException(name + ": YAML data is not supported; write it as data.json");
      }
    }
    if (modules.isEmpty()) {
      throw new BundleException("bundle holds no .rego module");
    }
    return new Bundle(raw.revision(), manifestRevision, roots, modules, data);
  }

  private static void requireUnderRoots(String file, String path, List<String> roots)
      throws BundleException {
    for (String root : roots) {
      if (root.isEmpty() || path.equals(root) || path.startsWith(root + "/")) {
        return;
      }
    }
    throw new BundleException(
        file + ": path '" + path + "' is outside the manifest's roots " + roots);
  }

  private static Value nest(String dir, Value value) {
    if (dir.isEmpty()) {
      return value;
    }
    String[] segments = dir.split("/");
    Value nested = value;
    for (int i = segments.length - 1; i >= 0; i--) {
      nested = ObjectValue.of(StringValue.of(segments[i]), nested);
    }
    return nested;
  }

  private static ObjectValue merge(ObjectValue into, Value add, String file)
      throws BundleException {
    if (!(add instanceof ObjectValue addObject)) {
      throw new BundleException(file + ": data at the bundle root must be a JSON object");
    }
    ObjectValue.Builder out = into.toBuilder();
    for (int i = 0; i < addObject.size(); i++) {
      Value key = addObject.keyAt(i);
      Value existing = into.get(key);
      Value value = addObject.valueAt(i);
      if (existing == null) {
        out.put(key, value);
      } else if (existing instanceof ObjectValue e && value instanceof ObjectValue) {
        out.put(key, merge(e, value, file));
      } else {
        throw new BundleException(file + ": data key " + key + " conflicts with another file");
      }
    }
    return out.build();
  }

  static Value parseJson(String name, byte[] bytes) throws BundleException {
    try {
      return Json.parse(utf8(name, bytes), name);
    } catch (JsonFormatException e) {
      throw new BundleException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new BundleException(name + ": " + e.getMessage(), e);
    }
  }

  static String utf8(String name, byte[] bytes) throws BundleException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BundleException(name + ": not valid UTF-8", e);
    }
  }
}
