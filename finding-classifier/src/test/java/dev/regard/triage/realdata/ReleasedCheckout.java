package dev.regard.triage.realdata;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A checkout laid out from released artifacts that Maven put on the test class path: a published
 * model's chain files (read from {@code ../shared/threat-models/}) beside module folders holding
 * the released sources, as a user runs scan-triage at the root of a project.
 */
final class ReleasedCheckout {
  private ReleasedCheckout() {}

  /** The folder of a project's published model in {@code ../shared/threat-models/}. */
  static Path sharedModel(String project) {
    return Path.of(System.getProperty("regard.repository.root", ".."))
        .resolve("../shared/threat-models/" + project)
        .normalize();
  }

  /** The released jar whose file name starts so (not its sources jar). */
  static Path jar(String prefix) {
    return onClassPath(prefix, ".jar");
  }

  /** Unpacks the released sources jar whose file name starts so into a source root. */
  static void unpackSources(String prefix, Path into) throws IOException {
    Path sources = onClassPath(prefix, "-sources.jar");
    try (InputStream in = Files.newInputStream(sources);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Path to = into.resolve(e.getName()).normalize();
        if (e.isDirectory() || !to.startsWith(into) || !e.getName().endsWith(".java")) {
          continue;
        }
        Files.createDirectories(to.getParent());
        Files.copy(zip, to, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * For a release published without sources: the source tree its jar implies, one file per
   * top-level class at the path a compiler would have read it from, declaring the class's package
   * and nothing else. That is all scan-triage reads of a checkout's sources (folders and package
   * declarations); the code itself is not there.
   */
  static void impliedSources(Path jar, Path into) throws IOException {
    try (InputStream in = Files.newInputStream(jar);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String name = e.getName();
        int slash = name.lastIndexOf('/');
        if (!name.endsWith(".class") || name.contains("$") || slash < 0) {
          continue;
        }
        if (name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
          continue;
        }
        Path to = into.resolve(name.replaceAll("\\.class$", ".java")).normalize();
        if (!to.startsWith(into)) {
          continue;
        }
        Files.createDirectories(to.getParent());
        String pkg = name.substring(0, slash).replace('/', '.');
        Files.writeString(to, "package " + pkg + ";\n", StandardCharsets.UTF_8);
      }
    }
  }

  /** Copies a directory tree (the model's chain files) into the checkout. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static Path onClassPath(String prefix, String suffix) {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean sources = name.endsWith("-sources.jar");
      if (name.startsWith(prefix)
          && name.endsWith(suffix)
          && sources == suffix.equals("-sources.jar")) {
        return Path.of(entry);
      }
    }
    throw new AssertionError("no " + prefix + "*" + suffix + " on the test class path");
  }
}
