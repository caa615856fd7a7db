package dev.regard.triage.finding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The source roots of a repository ({@code src/main/java}, {@code src/test/java} and their Kotlin
 * and Scala siblings, in any module), to turn a path relative to a source root, as bytecode
 * scanners write it ({@code org/example/Foo.java}), into the repo-relative path of the file that
 * exists ({@code core/src/main/java/org/example/Foo.java}). Found once, on first use; answers are
 * cached per path (bounded by the number of source files).
 */
final class SourceRoots {
  private static final int MAX_DEPTH = 8;
  private static final Set<String> SKIPPED = Set.of("target", "build", "node_modules", "out");
  private static final Set<String> LANGUAGES = Set.of("java", "kotlin", "scala", "groovy");

  private final Path repo;
  private List<Path> roots;
  private final Map<String, Optional<String>> located = new HashMap<>();

  SourceRoots(Path repo) {
    this.repo = repo.toAbsolutePath().normalize();
  }

  /** The repo-relative path of the one source file at {@code relative} below some root. */
  synchronized Optional<String> locate(String relative) {
    return located.computeIfAbsent(relative, this::search);
  }

  private Optional<String> search(String relative) {
    Path found = null;
    for (Path root : roots()) {
      Path candidate = root.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        if (found != null) {
          return Optional.empty(); // in two modules: ambiguous, keep the source-root path
        }
        found = candidate;
      }
    }
    return Optional.ofNullable(found).map(f -> repo.relativize(f).toString().replace('\\', '/'));
  }

  /** Every source root found, absolute. */
  synchronized List<Path> roots() {
    if (roots == null) {
      roots = find();
    }
    return roots;
  }

  /** True for {@code .../src/<set>/<dir>}, e.g. {@code src/main/java}. */
  private static boolean isUnderSrc(Path dir) {
    Path parent = dir.getParent();
    Path grand = parent == null ? null : parent.getParent();
    Path grandName = grand == null ? null : grand.getFileName();
    return grandName != null && grandName.toString().equals("src");
  }

  private List<Path> find() {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(repo)) {
      return found;
    }
    try {
      Files.walkFileTree(
          repo,
          Set.of(),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              Path fileName = dir.getFileName();
              String name = fileName == null ? "" : fileName.toString();
              if (!dir.equals(repo) && (name.startsWith(".") || SKIPPED.contains(name))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (LANGUAGES.contains(name) && isUnderSrc(dir)) {
                found.add(dir);
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // an unreadable folder holds no source root
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
