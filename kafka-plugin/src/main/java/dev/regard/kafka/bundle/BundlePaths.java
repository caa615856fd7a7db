package dev.regard.kafka.bundle;

/** Normalizes file names inside a bundle and refuses any that could escape the bundle's root. */
public final class BundlePaths {
  private BundlePaths() {}

  /**
   * Returns {@code name} relative to the bundle root, without leading {@code ./} or {@code /}.
   *
   * @throws BundleException for {@code ..} or empty segments, backslashes or control characters
   */
  public static String normalize(String name) throws BundleException {
    String path = name;
    while (path.startsWith("./") || path.startsWith("/")) {
      path = path.substring(path.startsWith("/") ? 1 : 2);
    }
    if (path.isEmpty()) {
      throw new BundleException("empty file name in bundle: '" + name + "'");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw new BundleException("file name with a control character or backslash: " + name);
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new BundleException("file name escapes or is not inside the bundle root: " + name);
      }
    }
    return path;
  }
}
