package dev.regard.kafka.bundle;

import dev.regard.rego.bundle.BundleException;
import dev.regard.rego.bundle.BundleReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A bundle as a {@code .tar.gz} file, as {@code opa build} writes it. */
public final class TarballBundleSource implements BundleSource {
  private final Path file;
  private final long maxBytes;
  private String lastRevision;

  public TarballBundleSource(Path file, long maxBytes) {
    this.file = file;
    this.maxBytes = maxBytes;
  }

  @Override
  public Optional<BundleFiles> fetch() throws BundleException {
    Map<String, byte[]> files;
    try (InputStream in = Files.newInputStream(file)) {
      files = BundleReader.unpackTarGz(in, file.toString(), BundleFiles.limits(maxBytes));
    } catch (IOException e) {
      throw new BundleException("bundle file " + file + " cannot be read: " + e, e);
    }
    String revision = Sha256.ofFiles(files);
    if (revision.equals(lastRevision)) {
      return Optional.empty();
    }
    lastRevision = revision;
    return Optional.of(new BundleFiles(files, revision));
  }

  @Override
  public String describe() {
    return "tarball " + file;
  }
}
