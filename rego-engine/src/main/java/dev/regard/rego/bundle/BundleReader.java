package dev.regard.rego.bundle;

import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads OPA bundles from a directory or a {@code .tar.gz} archive: {@code .manifest}, {@code
 * data.json}/{@code data.yaml} files mounted at their folder's path, {@code *.rego} modules, and
 * {@code .signatures.json}. Everything is checked before a {@link Bundle} is returned (limits,
 * paths, signature, data conflicts, roots); any problem throws a {@link BundleException} naming the
 * file, and nothing of the bundle is kept. Immutable and thread-safe.
 */
public final class BundleReader {
  /** The folder of JSON Schemas for the type checker, as {@code opa eval --schema} takes one. */
  private static final String SCHEMAS = "schemas/";

  private final BundleLimits limits;
  private final VerificationConfig verification;

  private BundleReader(BundleLimits limits, VerificationConfig verification) {
    this.limits = limits;
    this.verification = verification;
  }

  /** Default limits, no signature keys: unsigned bundles only. */
  public static BundleReader create() {
    return new BundleReader(BundleLimits.DEFAULT, null);
  }

  public BundleReader withLimits(BundleLimits limits) {
    return new BundleReader(limits, verification);
  }

  /**
   * Requires every bundle to be signed and checks the signature with these keys. Without it, a
   * signed bundle is refused, since its signature could not be checked.
   */
  public BundleReader withVerification(VerificationConfig verification) {
    return new BundleReader(limits, verification);
  }

  /** Reads a bundle directory, or a {@code .tar.gz}/{@code .tgz} file. */
  public Bundle read(Path path) {
    if (Files.isDirectory(path)) {
      // The root may itself be a link (the caller chose it); links inside it are refused.
      try {
        return assemble(DirectoryFiles.read(path.toRealPath(), limits));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundle directory " + path, e);
      }
    }
    if (!Files.isRegularFile(path)) {
      throw new BundleException(path + ": no such bundle directory or archive");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return readTarGz(in, path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundle " + path, e);
    }
  }

  /** Reads a gzip-compressed tarball from a stream, which the caller closes. */
  public Bundle readTarGz(InputStream in, String origin) {
    return assemble(TarGzFiles.read(in, origin, limits));
  }

  /**
   * Reads a bundle whose files a transport already holds (a git tree, an unpacked archive), keyed
   * by their path inside the bundle. Paths and sizes are checked as for a directory or archive.
   */
  public Bundle read(Map<String, byte[]> files, String origin) {
    EntryCollector collector = new EntryCollector(limits, origin);
    files.forEach((name, content) -> collector.add(collector.admit(name, content.length), content));
    return assemble(collector.entries());
  }

  /**
   * The files of a gzip-compressed tarball by normalised path, within {@code limits}, for sources
   * that must see the content (to tell whether it changed) before it is read as a bundle.
   */
  public static Map<String, byte[]> unpackTarGz(
      InputStream in, String origin, BundleLimits limits) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (BundleEntry entry : TarGzFiles.read(in, origin, limits)) {
      files.put(entry.path(), entry.content());
    }
    return files;
  }

  private Bundle assemble(List<BundleEntry> files) {
    BundleEntry signatures = null;
    BundleEntry manifestFile = null;
    for (BundleEntry f : files) {
      if (f.name().equals(".signatures.json") || f.name().equals(".manifest")) {
        if (!f.directory().isEmpty()) {
          throw new BundleException(f.path() + ": must be at the bundle root");
        }
        if (f.name().equals(".manifest")) {
          manifestFile = f;
        } else {
          signatures = f;
        }
      }
    }
    checkSignature(signatures, files);
    Manifest manifest =
        manifestFile == null ? Manifest.DEFAULT : Manifest.parse(manifestFile.content());

    Map<String, String> modules = new TreeMap<>();
    Map<String, String> schemas = new TreeMap<>();
    List<BundleEntry> dataFiles = new ArrayList<>();
    for (BundleEntry f : files) {
      String name = f.name();
      if (f.path().startsWith(SCHEMAS) && name.endsWith(".json")) {
        String id = f.path().substring(SCHEMAS.length(), f.path().length() - ".json".length());
        schemas.put(id, DataDocuments.utf8(f.content(), f.path()));
      } else if (name.endsWith(".rego")) {
        modules.put(f.path(), DataDocuments.utf8(f.content(), f.path()));
      } else if (name.equals("data.json") || name.equals("data.yaml") || name.equals("data.yml")) {
        dataFiles.add(f);
      } else if (name.equals("patch.json") && f.directory().isEmpty()) {
        throw new BundleException(f.path() + ": delta bundles are not supported");
      } else if (name.endsWith(".wasm")) {
        throw new BundleException(f.path() + ": Wasm modules are not supported");
      }
    }
    ObjectValue data = mergeData(dataFiles);
    checkRoots(manifest, modules, data);
    return new Bundle(manifest, modules, data, signatures != null, schemas);
  }

  private void checkSignature(BundleEntry signatures, List<BundleEntry> files) {
    if (verification == null) {
      if (signatures != null) {
        throw new BundleException(
            ".signatures.json: bundle is signed but no verification key is configured");
      }
      return;
    }
    if (signatures == null) {
      throw new BundleException("bundle is not signed (.signatures.json missing)");
    }
    SignatureVerifier.verify(signatures, files, verification);
  }

  /** Mounts each data file at its folder's path; two files for one path, or overlaps, fail. */
  private static ObjectValue mergeData(List<BundleEntry> dataFiles) {
    List<BundleEntry> ordered = new ArrayList<>(dataFiles);
    ordered.sort(Comparator.comparing(BundleEntry::directory));
    Map<String, String> byDirectory = new TreeMap<>();
    Value root = null;
    for (BundleEntry f : ordered) {
      String previous = byDirectory.putIfAbsent(f.directory(), f.path());
      if (previous != null) {
        throw new BundleException(
            f.path() + ": conflicts with " + previous + " (two data files for one path)");
      }
      Value value = DataDocuments.parse(f.content(), f.path());
      List<String> segments =
          f.directory().isEmpty() ? List.of() : Arrays.asList(f.directory().split("/"));
      if (segments.isEmpty() && !(value instanceof ObjectValue)) {
        throw new BundleException(f.path() + ": data at the bundle root must be an object");
      }
      root = insert(root, segments, 0, value, f.path());
    }
    return root == null ? ObjectValue.EMPTY : (ObjectValue) root;
  }

  /** Puts {@code value} at {@code path} below {@code node} (null when nothing is there yet). */
  private static Value insert(Value node, List<String> path, int index, Value value, String file) {
    if (index == path.size()) {
      return node == null ? value : merge(node, value, file, String.join(".", path));
    }
    if (node != null && !(node instanceof ObjectValue)) {
      throw new BundleException(
          file
              + ": data at '"
              + String.join(".", path.subList(0, index))
              + "' conflicts with another data file");
    }
    ObjectValue object = node == null ? ObjectValue.EMPTY : (ObjectValue) node;
    String key = path.get(index);
    return object.with(StringValue.of(key), insert(object.get(key), path, index + 1, value, file));
  }

  /** Deep-merges objects; any other overlap is a conflict between data files. */
  private static Value merge(Value existing, Value incoming, String file, String at) {
    if (!(existing instanceof ObjectValue a) || !(incoming instanceof ObjectValue b)) {
      throw new BundleException(file + ": data at '" + at + "' conflicts with another data file");
    }
    ObjectValue.Builder out = a.toBuilder();
    for (int i = 0; i < b.size(); i++) {
      Value key = b.keyAt(i);
      Value mine = a.get(key);
      String where = at.isEmpty() ? key.toString() : at + "." + key;
      out.put(key, mine == null ? b.valueAt(i) : merge(mine, b.valueAt(i), file, where));
    }
    return out.build();
  }

  private static void checkRoots(Manifest manifest, Map<String, String> modules, ObjectValue data) {
    if (manifest.roots().contains("")) {
      return;
    }
    checkDataRoots(manifest, data, "");
    modules.forEach(
        (path, source) -> {
          List<String> pkg = PackageNames.of(source);
          if (pkg == null) {
            throw new BundleException(path + ": no package declaration found");
          }
          if (!manifest.owns(String.join("/", pkg))) {
            throw new BundleException(
                path
                    + ": package "
                    + String.join(".", pkg)
                    + " is outside the manifest roots "
                    + manifest.roots());
          }
        });
  }

  private static void checkDataRoots(Manifest manifest, ObjectValue node, String prefix) {
    for (int i = 0; i < node.size(); i++) {
      String key = node.keyAt(i) instanceof StringValue s ? s.value() : node.keyAt(i).toString();
      String path = prefix.isEmpty() ? key : prefix + "/" + key;
      if (manifest.owns(path)) {
        continue;
      }
      if (manifest.isAncestorOfRoot(path) && node.valueAt(i) instanceof ObjectValue child) {
        checkDataRoots(manifest, child, path);
      } else {
        throw new BundleException(
            "data path " + path + " is outside the manifest roots " + manifest.roots());
      }
    }
  }
}
