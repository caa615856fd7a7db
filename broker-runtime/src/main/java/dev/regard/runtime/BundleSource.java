package dev.regard.runtime;

import dev.regard.kafka.bundle.Redact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the broker's policy bundle comes from, as the authorizer's {@code regard.bundle.*} settings
 * express it.
 *
 * @param kind {@code dir}, {@code tarball}, {@code http} or {@code git}
 * @param location a path or URL
 * @param gitRef branch or tag, for git only (null otherwise)
 * @param gitPath folder inside the repository, for git only (null otherwise)
 */
public record BundleSource(String kind, String location, String gitRef, String gitPath) {

  public static BundleSource directory(String path) {
    return new BundleSource("dir", path, null, null);
  }

  /** The authorizer configuration for this source. */
  public Map<String, String> settings(long pollIntervalMs) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("regard.bundle.source", kind);
    if (kind.equals("http") || kind.equals("git")) {
      s.put("regard.bundle.url", location);
    } else {
      s.put("regard.bundle.path", location);
    }
    if (gitRef != null) {
      s.put("regard.bundle.git.ref", gitRef);
    }
    if (gitPath != null) {
      s.put("regard.bundle.git.path", gitPath);
    }
    s.put("regard.bundle.poll.interval.ms", Long.toString(pollIntervalMs));
    return s;
  }

  /** For the banner: no credentials, whether in a URL's user-info or its query string. */
  public String describe() {
    String shown = Redact.text(location);
    return kind + " " + shown + (gitRef == null ? "" : " @ " + gitRef);
  }
}
