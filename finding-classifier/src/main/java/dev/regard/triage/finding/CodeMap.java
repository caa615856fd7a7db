package dev.regard.triage.finding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the code a model names lives in the scanned checkout: a name such as {@code streams} or
 * "Trogdor" is a module folder ({@code streams/}), and the packages its sources declare ({@code
 * org.apache.kafka.streams}) are where a scanner of bytecode puts its findings ({@code
 * org/apache/kafka/streams/…}). Built once, on first use; without a checkout (no folder holds
 * sources) a bare name stands for the folder of that name at the root, as the model writes it.
 */
public final class CodeMap {
  private static final int MAX_DEPTH = 4;
  private static final int MAX_FILES_PER_ROOT = 400;
  private static final Set<String> SKIPPED =
      Set.of("target", "build", "node_modules", "out", "src", "bin-debug");
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([A-Za-z_][\\w.]*)\\s*;?\\s*$");
  private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*");

  /** A module folder and the package paths its sources declare. */
  public record Module(String folder, List<String> packagePaths) {
    public Module {
      packagePaths = List.copyOf(packagePaths);
    }
  }

  private final Path root;
  private final SourceRoots sourceRoots;
  private Map<String, List<String>> foldersByName;
  private final Map<String, List<String>> resolved = new HashMap<>();

  private CodeMap(Path root) {
    this.root = root == null ? null : root.toAbsolutePath().normalize();
    this.sourceRoots = root == null ? null : new SourceRoots(this.root);
  }

  /** The code map of a checkout; {@code null} for none. */
  public static CodeMap of(Path checkout) {
    return new CodeMap(checkout);
  }

  /** True when the checkout holds source roots, so names are located rather than assumed. */
  public synchronized boolean hasSources() {
    return sourceRoots != null && !sourceRoots.roots().isEmpty();
  }

  /**
   * The path globs a component name stands for: each module folder of that name ({@code
   * streams/**}) and the package paths its sources declare ({@code org/apache/kafka/streams/**});
   * empty when the checkout has sources but no folder of that name.
   */
  public synchronized List<String> globs(String name) {
    return resolved.computeIfAbsent(name.toLowerCase(Locale.ROOT), this::resolve);
  }

  /** The modules a name resolves to, for explanations. */
  public synchronized List<Module> modules(String name) {
    List<Module> modules = new ArrayList<>();
    for (String folder : folders().getOrDefault(name.toLowerCase(Locale.ROOT), List.of())) {
      modules.add(new Module(folder, packagePaths(folder)));
    }
    return modules;
  }

  private List<String> resolve(String name) {
    if (!hasSources()) {
      return MODULE_NAME.matcher(name).matches() ? List.of(name + "/**") : List.of();
    }
    Set<String> globs = new LinkedHashSet<>();
    for (Module module : modules(name)) {
      globs.add(module.folder() + "/**");
      for (String pkg : module.packagePaths()) {
        globs.add(pkg + "/**");
      }
    }
    return List.copyOf(globs);
  }

  private Map<String, List<String>> folders() {
    if (foldersByName == null) {
      foldersByName = findFolders();
    }
    return foldersByName;
  }

  private Map<String, List<String>> findFolders() {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    if (root == null || !Files.isDirectory(root)) {
      return byName;
    }
    try {
      Files.walkFileTree(
          root,
          Set.of(),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
              }
              String name = dir.getFileName().toString();
              if (name.startsWith(".") || SKIPPED.contains(name)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              byName
                  .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                  .add(root.relativize(dir).toString().replace('\\', '/'));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byName;
  }

  /**
   * The package paths the sources below {@code folder} declare, reduced to their common prefixes:
   * packages are grouped by their first four segments and each group gives its longest common
   * prefix, so {@code org.apache.kafka.streams.*} gives {@code org/apache/kafka/streams}.
   */
  private List<String> packagePaths(String folder) {
    Path base = root.resolve(folder);
    Map<String, List<String[]>> groups = new LinkedHashMap<>();
    for (Path sourceRoot : sourceRoots.roots()) {
      if (!sourceRoot.startsWith(base) || sourceRoot.toString().contains("/src/test/")) {
        continue;
      }
      for (String pkg : declaredPackages(sourceRoot)) {
        String[] segments = pkg.split("\\.");
        String key =
            String.join(".", java.util.Arrays.copyOf(segments, Math.min(4, segments.length)));
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(segments);
      }
    }
    List<String> paths = new ArrayList<>();
    for (List<String[]> group : groups.values()) {
      String[] first = group.get(0);
      int common = first.length;
      for (String[] other : group) {
        int i = 0;
        while (i < common && i < other.length && first[i].equals(other[i])) {
          i++;
        }
        common = i;
      }
      if (common >= 2) {
        paths.add(String.join("/", java.util.Arrays.copyOf(first, common)));
      }
    }
    return paths;
  }

  private static Set<String> declaredPackages(Path sourceRoot) {
    Set<String> packages = new LinkedHashSet<>();
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().matches(".*\\.(?:java|scala|kt|groovy)$"))
          .limit(MAX_FILES_PER_ROOT)
          .forEach(f -> declaredPackage(f).ifPresent(packages::add));
    } catch (IOException | UncheckedIOException e) {
      return packages; // an unreadable root declares nothing
    }
    return packages;
  }

  private static java.util.Optional<String> declaredPackage(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      for (int n = 0; n < 200 && (line = in.readLine()) != null; n++) {
        Matcher m = PACKAGE.matcher(line);
        if (m.matches()) {
          return java.util.Optional.of(m.group(1));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }
}
