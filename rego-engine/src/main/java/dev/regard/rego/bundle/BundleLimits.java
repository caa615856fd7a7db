package dev.regard.rego.bundle;

/**
 * Caps on what a bundle may hold, checked while reading so that a hostile archive (a "tarball
 * bomb") is rejected before it fills memory.
 *
 * @param maxFiles most files (directories not counted)
 * @param maxFileBytes largest uncompressed size of one file
 * @param maxTotalBytes largest uncompressed size of all files together
 */
public record BundleLimits(int maxFiles, long maxFileBytes, long maxTotalBytes) {
  /** Files are held in memory as arrays, so one file can never exceed 1 GiB. */
  public static final long MAX_FILE_BYTES = 1L << 30;

  /** 10,000 files, 32 MiB per file, 128 MiB in all. */
  public static final BundleLimits DEFAULT = new BundleLimits(10_000, 32L << 20, 128L << 20);

  public BundleLimits {
    if (maxFiles < 1 || maxFileBytes < 1 || maxTotalBytes < 1) {
      throw new IllegalArgumentException("bundle limits must be positive");
    }
    if (maxFileBytes > MAX_FILE_BYTES) {
      throw new IllegalArgumentException("maxFileBytes above " + MAX_FILE_BYTES);
    }
  }
}
