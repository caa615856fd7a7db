package dev.regard.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The default policy bundle shipped in the policy-bundles jar, copied to the run folder on every
 * start so the broker always loads the bundle of the version that runs it.
 */
public final class DefaultBundle {
  static final String RESOURCE = "bundles/default";

  private DefaultBundle() {}

  static Path extract(Path target) {
    return extract(RESOURCE, target);
  }

  /** Copies the bundle shipped as {@code resource} (such as bundles/acls) to {@code target}. */
  public static Path extract(String resource, Path target) {
    URL url = DefaultBundle.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new RuntimeFailure(
          "the policy bundle is missing from the classpath ("
              + resource
              + "). Fix: "
              + "rebuild with ./mvnw -B install -DskipTests, or pass --bundle-dir.");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem fs = openJar(uri)) {
          copyTree(fs.getPath(resource), target);
        }
      } else {
        copyTree(Path.of(uri), target);
      }
      return target;
    } catch (IOException | URISyntaxException e) {
      throw new RuntimeFailure(
          "cannot copy the default policy bundle to " + target + ": " + e.getMessage(), e);
    }
  }

  private static FileSystem openJar(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      throw new IOException("the bundle jar is already open elsewhere", e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    if (Files.exists(target)) {
      try (Stream<Path> old = Files.walk(target)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      Path dest = target.resolve(source.relativize(f).toString());
      Files.createDirectories(dest.getParent());
      Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
