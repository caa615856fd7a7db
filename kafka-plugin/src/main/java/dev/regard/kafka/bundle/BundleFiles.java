package dev.regard.kafka.bundle;

import java.util.Map;
import java.util.TreeMap;

/**
 * The raw files of one bundle as a source delivered them.
 *
 * @param files bundle-relative, normalized paths (see {@link BundlePaths}) to their bytes
 * @param revision what identifies this content at its source: a git commit id or a content digest
 */
public record BundleFiles(Map<String, byte[]> files, String revision) {
  public BundleFiles {
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }
}
