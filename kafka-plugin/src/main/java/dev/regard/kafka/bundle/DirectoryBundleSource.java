package dev.regard.kafka.bundle;

import dev.regard.rego.bundle.BundleException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bundle laid out as a directory tree. Symbolic links are followed only while they stay inside
 * the directory (as in a Kubernetes ConfigMap volume); entries named {@code ..something}, which
 * such volumes use for their own bookkeeping, are skipped.
 */
public final class DirectoryBundleSource implements BundleSource {
  private final Path root;
  private final long maxBytes;
  private String lastRevision;

  public DirectoryBundleSource(Path root, long maxBytes) {
    this.root = root;
    this.maxBytes = maxBytes;
  }

  @Override
  public Optional<BundleFiles> fetch() throws BundleException {
    Map<String, byte[]> files = read(root, maxBytes);
    String revision = Sha256.ofFiles(files);
    if (revision.equals(lastRevision)) {
      return Optional.empty();
    }
    lastRevision = revision;
    return Optional.of(new BundleFiles(files, revision));
  }

  static Map<String, byte[]> read(Path root, long maxBytes) throws BundleException {
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new BundleException("bundle directory " + root + " cannot be read: " + e, e);
    }
    if (!Files.isDirectory(realRoot)) {
      throw new BundleException("bundle directory " + root + " is not a directory");
    }
    Map<String, byte[]> files = new TreeMap<>();
    long[] total = {0};
    try {
      Files.walkFileTree(
          realRoot,
          EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS),
          64,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (!dir.equals(realRoot) && dir.getFileName().toString().startsWith("..")) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              requireInside(dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (file.getFileName().toString().startsWith("..") || !attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              requireInside(file);
              total[0] += attrs.size();
              if (total[0] > maxBytes) {
                throw new IOException("content exceeds " + maxBytes + " bytes");
              }
              String name =
                  realRoot
                      .relativize(file)
                      .toString()
                      .replace(file.getFileSystem().getSeparator(), "/");
              files.put(name, Files.readAllBytes(file));
              return FileVisitResult.CONTINUE;
            }

            private void requireInside(Path p) throws IOException {
              if (!p.toRealPath().startsWith(realRoot)) {
                throw new IOException(
                    realRoot.relativize(p) + " links outside the bundle directory");
              }
            }
          });
    } catch (IOException e) {
      throw new BundleException("bundle directory " + root + ": " + e.getMessage(), e);
    }
    return files;
  }

  @Override
  public String describe() {
    return "directory " + root;
  }
}
