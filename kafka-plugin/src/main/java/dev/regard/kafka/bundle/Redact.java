package dev.regard.kafka.bundle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction of credentials before anything is printed: a URL's user-info and query string
 * (where tokens travel, as in {@code ?token=...}) and its fragment, wherever a URL appears in a
 * message.
 */
public final class Redact {
  private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>]+");
  private static final Pattern USER_INFO = Pattern.compile("^([^:/]+://)[^/?#]*@");
  private static final Pattern QUERY = Pattern.compile("[?#].*$");

  private Redact() {}

  /**
   * The URL with user-info shown as {@code ***@} and any query string or fragment as {@code ?***}.
   */
  public static String url(String url) {
    String withoutUser = USER_INFO.matcher(url).replaceFirst("$1***@");
    return QUERY.matcher(withoutUser).replaceFirst("?***");
  }

  /** The text with every URL in it redacted as {@link #url}, for error messages and logs. */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = URL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(url(m.group())));
    }
    return m.appendTail(out).toString();
  }
}
