package dev.regard.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * Generated passwords, kept in one owner-only properties file so a restart reuses them. Values
 * never reach logs; callers print only where the file is.
 */
public final class Secrets {
  private final Path file;
  private final Properties values = new Properties();
  private final SecureRandom random = new SecureRandom();

  public Secrets(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        values.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new RuntimeFailure(
            "cannot read "
                + file
                + " ("
                + e.getMessage()
                + "). Fix: restore the file, or delete "
                + "the run folder to start from scratch.",
            e);
      }
    }
  }

  public Path file() {
    return file;
  }

  /** The secret under {@code key}; it must exist. */
  public String get(String key) {
    String v = values.getProperty(key);
    if (v == null) {
      throw new RuntimeFailure(
          "the secret '"
              + key
              + "' is missing from "
              + file
              + ". Fix: delete the run folder to "
              + "generate a fresh set.");
    }
    return v;
  }

  /** The secret under {@code key}, generated and saved on first use. */
  public synchronized String getOrCreate(String key) {
    String v = values.getProperty(key);
    if (v == null) {
      v = DevCertificateAuthority.randomSecret(random);
      values.setProperty(key, v);
      save();
    }
    return v;
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        restrictToOwner(tmp);
        values.store(out, "Generated secrets of the Regard broker runtime. Keep private.");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RuntimeFailure(
          "cannot write " + file + ": " + e.getMessage() + ". Fix: make the run folder writable.",
          e);
    }
  }

  /** Owner read/write only, where the file system supports POSIX permissions. */
  static void restrictToOwner(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Non-POSIX file systems keep their default ACLs.
    }
  }
}
