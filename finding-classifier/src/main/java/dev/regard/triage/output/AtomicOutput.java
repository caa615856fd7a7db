package dev.regard.triage.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A report written to a temporary file and published only when complete: moved onto the target
 * file, or copied to standard output. A run that fails half-way leaves no partial report.
 */
public final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final OutputStream stdout;
  private final Path temp;
  private final OutputStream out;
  private boolean committed;

  private AtomicOutput(Path target, OutputStream stdout) throws IOException {
    this.target = target;
    this.stdout = stdout;
    Path dir = target == null ? null : target.toAbsolutePath().getParent();
    this.temp =
        dir == null
            ? Files.createTempFile("scan-triage-", ".tmp")
            : Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
    this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
  }

  /** Output that replaces {@code target} on commit. */
  public static AtomicOutput toFile(Path target) throws IOException {
    return new AtomicOutput(target, null);
  }

  /** Output that is copied to {@code stdout} on commit. */
  public static AtomicOutput toStream(OutputStream stdout) throws IOException {
    return new AtomicOutput(null, stdout);
  }

  /** Where to write the report; closing it is left to {@link #commit()} and {@link #close()}. */
  public OutputStream stream() {
    return out;
  }

  /** Publishes the complete report. */
  public void commit() throws IOException {
    out.close();
    if (target != null) {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } else {
      Files.copy(temp, stdout);
      stdout.flush();
      Files.delete(temp);
    }
    committed = true;
  }

  /** Discards the temporary file unless the report was committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      out.close();
      Files.deleteIfExists(temp);
    }
  }
}
