package dev.regard.kafka.credentials;

import dev.regard.kafka.bundle.BundleException;
import dev.regard.kafka.bundle.BundleFiles;
import dev.regard.kafka.bundle.BundleReader;
import dev.regard.kafka.bundle.BundleSource;
import java.util.Optional;

/**
 * A bundle source that refuses bundles whose credentials are unsound (see {@link
 * CredentialBundleCheck}): the bundle watcher then counts a failed fetch and keeps the bundle in
 * force. A refused bundle is not offered again until its source changes.
 */
public final class CredentialCheckingSource implements BundleSource {
  private final BundleSource source;
  private final BundleReader reader;

  /**
   * @param reader reads (and verifies) the files as the watcher will, to find their data
   */
  public CredentialCheckingSource(BundleSource source, BundleReader reader) {
    this.source = source;
    this.reader = reader;
  }

  @Override
  public Optional<BundleFiles> fetch() throws BundleException {
    Optional<BundleFiles> files = source.fetch();
    if (files.isPresent()) {
      CredentialBundleCheck.check(reader.read(files.get()));
    }
    return files;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public void close() {
    source.close();
  }
}
