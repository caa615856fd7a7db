package dev.regard.kafka.bundle;

import dev.regard.rego.bundle.BundleException;
import java.io.Closeable;
import java.util.Optional;

/**
 * Where bundles come from: a directory, a .tar.gz file, an HTTP bundle server or a git repository.
 */
public interface BundleSource extends Closeable {
  /**
   * Fetches the bundle when it changed since the last successful fetch.
   *
   * @return the new files, or empty when the source still holds what was fetched last
   * @throws BundleException when the source cannot be reached or holds unreadable content
   */
  Optional<BundleFiles> fetch() throws BundleException;

  /** Where this source reads from, fit for logs (no credentials). */
  String describe();

  @Override
  default void close() {}
}
