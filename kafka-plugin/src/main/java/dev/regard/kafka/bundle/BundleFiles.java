package dev.regard.kafka.bundle;

import dev.regard.rego.bundle.BundleLimits;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw files of one bundle as a source delivered them, before rego-engine's bundle reader checks
 * and reads them.
 *
 * @param files paths inside the bundle to their bytes
 * @param revision what identifies this content at its source: a git commit id or a content digest
 */
public record BundleFiles(Map<String, byte[]> files, String revision) {
  public BundleFiles {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /** The reader's limits for {@code regard.bundle.max.bytes} of uncompressed content. */
  public static BundleLimits limits(long maxBytes) {
    return new BundleLimits(
        BundleLimits.DEFAULT.maxFiles(), Math.min(maxBytes, BundleLimits.MAX_FILE_BYTES), maxBytes);
  }
}
