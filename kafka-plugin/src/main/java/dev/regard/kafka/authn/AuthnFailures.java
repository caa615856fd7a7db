package dev.regard.kafka.authn;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records refused authentications: one line on the {@code regard.authn} logger (mechanism, user,
 * listener, client address, outcome, the deciding rules of a policy refusal, reason; never a
 * password or token) and one count in {@link AuthnMetrics}. Identical lines repeat at most once a
 * minute and all lines at most 50 a second; the next line written says how many were held back.
 */
public final class AuthnFailures {
  private static final Logger LOG = LoggerFactory.getLogger("regard.authn");
  private static final int MAX_USER_CHARS = 128;
  private static final int MAX_REASON_CHARS = 512;
  private static final RepeatLimiter LIMITER =
      new RepeatLimiter(Clock.systemUTC(), Duration.ofMinutes(1), 50);

  private AuthnFailures() {}

  /**
   * @param user the name the client sent, escaped here
   * @param listener the listener, or empty where the caller cannot know it: then the listener of
   *     the Kafka network thread this runs on, if any
   * @param clientAddress the client's address, or empty where the caller cannot know it
   * @param outcome a short, fixed category for metrics, such as {@code bad-credentials}
   * @param rules the policy rules that refused, or empty
   * @param reason why, escaped here (it may quote what the client sent)
   */
  public static void record(
      String mechanism,
      String user,
      String listener,
      String clientAddress,
      String outcome,
      String rules,
      String reason) {
    AuthnMetrics.failure(mechanism, outcome);
    String line = line(mechanism, user, listener, clientAddress, outcome, rules, reason);
    RepeatLimiter.Verdict verdict = LIMITER.admit(line);
    if (verdict.write()) {
      LOG.warn(
          verdict.heldBack() == 0
              ? line
              : line + " (" + verdict.heldBack() + " similar lines held back before this one)");
    }
  }

  /** A refusal without policy rules. */
  public static void record(
      String mechanism,
      String user,
      String listener,
      String clientAddress,
      String outcome,
      String reason) {
    record(mechanism, user, listener, clientAddress, outcome, "", reason);
  }

  static String line(
      String mechanism,
      String user,
      String listener,
      String clientAddress,
      String outcome,
      String rules,
      String reason) {
    String where = listener.isEmpty() ? NetworkThreadListener.current() : listener;
    return "Authentication refused: mechanism="
        + mechanism
        + " user="
        + printable(user, MAX_USER_CHARS)
        + " listener="
        + (where.isEmpty() ? "-" : where)
        + " client="
        + (clientAddress.isEmpty() ? "-" : clientAddress)
        + " outcome="
        + outcome
        + (rules.isEmpty() ? "" : " rules=" + printable(rules, MAX_REASON_CHARS))
        + " reason="
        + printable(reason, MAX_REASON_CHARS);
  }

  /** Client-supplied text as it is logged: control characters escaped, so logs cannot be forged. */
  public static String printable(String s) {
    return printable(s, MAX_USER_CHARS);
  }

  private static String printable(String s, int max) {
    if (s == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
    for (int i = 0; i < s.length() && i < max; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\\') {
        out.append(c == '\\' ? "\\\\" : String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return s.length() > max ? out + "..." : out.toString();
  }
}
