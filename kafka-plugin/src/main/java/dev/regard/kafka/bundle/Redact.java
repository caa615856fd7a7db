package dev.regard.kafka.bundle;

import java.util.regex.Pattern;

/** Removes credentials from what is logged. */
public final class Redact {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]+@");
  private static final Pattern QUERY = Pattern.compile("\\?.*$");

  private Redact() {}

  /** The URL without user information and query string, which may carry tokens. */
  public static String url(String url) {
    return QUERY.matcher(USER_INFO.matcher(url).replaceFirst("***@")).replaceFirst("");
  }
}
