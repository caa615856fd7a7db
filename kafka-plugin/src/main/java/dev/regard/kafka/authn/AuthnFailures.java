package dev.regard.kafka.authn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records refused authentications: one line on the {@code regard.authn} logger (user, mechanism,
 * listener, client address, reason; never a password or token) and one count in {@link
 * AuthnMetrics}.
 */
public final class AuthnFailures {
  private static final Logger LOG = LoggerFactory.getLogger("regard.authn");

  private AuthnFailures() {}

  /**
   * @param outcome a short, fixed category for metrics, such as {@code bad-credentials}
   * @param listener the listener, or empty where the caller cannot know it: then the listener of
   *     the Kafka network thread this runs on, if any
   * @param clientAddress the client's address, or empty where the caller cannot know it
   */
  public static void record(
      String mechanism,
      String user,
      String listener,
      String clientAddress,
      String outcome,
      String reason) {
    AuthnMetrics.failure(mechanism, outcome);
    String where = listener.isEmpty() ? NetworkThreadListener.current() : listener;
    LOG.warn(
        "Authentication refused: user={} mechanism={} listener={} client={} outcome={} reason={}",
        printable(user),
        mechanism,
        where.isEmpty() ? "-" : where,
        clientAddress.isEmpty() ? "-" : clientAddress,
        outcome,
        reason);
  }

  /** Client-supplied names are logged with control characters escaped, so logs cannot be forged. */
  static String printable(String s) {
    if (s == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), 128));
    for (int i = 0; i < s.length() && i < 128; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    return s.length() > 128 ? out + "..." : out.toString();
  }
}
