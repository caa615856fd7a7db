package dev.regard.rego.bundle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers a bundle's files while enforcing {@link BundleLimits} and safe paths. A leading {@code /}
 * or {@code ./} is read as the bundle root, as {@code opa build} writes archive entries that way;
 * any {@code ..} or {@code .} segment, empty segment, backslash, drive letter or control character
 * is rejected, as is a path seen twice.
 */
final class EntryCollector {
  private final BundleLimits limits;
  private final String origin;
  private final List<BundleEntry> entries = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private long totalBytes;

  EntryCollector(BundleLimits limits, String origin) {
    this.limits = limits;
    this.origin = origin;
  }

  /** Validates a raw path and returns it normalised; call before reading the content. */
  String admit(String rawPath, long declaredSize) {
    String path = normalize(rawPath);
    if (entries.size() + 1 > limits.maxFiles()) {
      throw new BundleException(
          origin + ": more than " + limits.maxFiles() + " files (at " + path + ")");
    }
    checkSize(path, declaredSize);
    if (!seen.add(path)) {
      throw new BundleException(origin + ": " + path + ": file appears twice");
    }
    return path;
  }

  /** Fails when a file, or the bundle so far, grows past the limits. */
  void checkSize(String path, long size) {
    if (size > limits.maxFileBytes()) {
      throw new BundleException(
          origin + ": " + path + ": file larger than " + limits.maxFileBytes() + " bytes");
    }
    if (totalBytes + size > limits.maxTotalBytes()) {
      throw new BundleException(
          origin + ": " + path + ": bundle larger than " + limits.maxTotalBytes() + " bytes");
    }
  }

  void add(String path, byte[] content) {
    checkSize(path, content.length);
    totalBytes += content.length;
    entries.add(new BundleEntry(path, content));
  }

  List<BundleEntry> entries() {
    return List.copyOf(entries);
  }

  long remainingFileBytes() {
    return Math.min(limits.maxFileBytes(), limits.maxTotalBytes() - totalBytes);
  }

  private String normalize(String raw) {
    String p = raw;
    if (p.startsWith("./")) {
      p = p.substring(2);
    } else if (p.startsWith("/") && !p.startsWith("//")) {
      p = p.substring(1);
    }
    if (p.isEmpty()) {
      throw new BundleException(origin + ": empty file name");
    }
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (ch < 0x20 || ch == 0x7f || ch == '\\') {
        throw new BundleException(origin + ": " + printable(raw) + ": unsafe character in path");
      }
    }
    if (p.length() >= 2 && p.charAt(1) == ':') {
      throw new BundleException(origin + ": " + raw + ": absolute path not allowed");
    }
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new BundleException(origin + ": " + raw + ": path escapes or is not normalised");
      }
    }
    return p;
  }

  private static String printable(String s) {
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
