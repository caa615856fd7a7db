package dev.regard.rego.bundle;

/**
 * One file of a bundle as read from disk or an archive.
 *
 * @param path slash-separated, relative to the bundle root, no leading slash
 * @param content the file's bytes
 */
record BundleEntry(String path, byte[] content) {

  String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The folder holding the file, "" at the root. */
  String directory() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
