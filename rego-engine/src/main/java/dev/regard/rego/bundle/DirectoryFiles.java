package dev.regard.rego.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Reads a bundle laid out as a directory tree. Symbolic links are refused, never followed. */
final class DirectoryFiles {
  private DirectoryFiles() {}

  static List<BundleEntry> read(Path root, BundleLimits limits) {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new BundleException(root + ": not a directory");
    }
    EntryCollector collector = new EntryCollector(limits, root.toString());
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (attrs.isSymbolicLink()) {
                throw new BundleException(relative(root, dir) + ": symbolic links not allowed");
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              String rel = relative(root, file);
              if (attrs.isSymbolicLink()) {
                throw new BundleException(rel + ": symbolic links not allowed");
              }
              if (!attrs.isRegularFile()) {
                throw new BundleException(rel + ": not a regular file");
              }
              String path = collector.admit(rel, attrs.size());
              collector.add(path, readCapped(file, path, collector));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundle directory " + root, e);
    }
    return collector.entries();
  }

  /** Reads at most the remaining budget, so a file growing while read cannot slip past. */
  private static byte[] readCapped(Path file, String path, EntryCollector collector)
      throws IOException {
    long cap = collector.remainingFileBytes();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
      collector.checkSize(path, content.length);
      return content;
    }
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
  }
}
