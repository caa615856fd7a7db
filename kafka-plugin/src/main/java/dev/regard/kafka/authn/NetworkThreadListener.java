package dev.regard.kafka.authn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The listener and security protocol of the network thread that runs a SASL exchange, read from the
 * name Kafka gives those threads ({@code data-plane-kafka-network-thread-<node>-<listener>-
 * <protocol>-<n>}). Kafka tells callback handlers neither their listener nor the client. The
 * listener only labels log lines; the protocol decides one thing, refusing PLAIN without TLS where
 * an operator has let PLAIN be enabled on such a listener, and there an unreadable thread name
 * refuses too.
 */
final class NetworkThreadListener {
  private static final Pattern NAME =
      Pattern.compile(
          "kafka-network-thread-\\d+-(.+)-(PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL)-\\d+$");

  private NetworkThreadListener() {}

  /** The current thread's listener; empty on any other thread. */
  static String current() {
    return of(Thread.currentThread().getName());
  }

  /** The current thread's security protocol; empty on any other thread. */
  static String currentProtocol() {
    return protocolOf(Thread.currentThread().getName());
  }

  static String of(String threadName) {
    Matcher m = NAME.matcher(threadName);
    return m.find() ? m.group(1) : "";
  }

  static String protocolOf(String threadName) {
    Matcher m = NAME.matcher(threadName);
    return m.find() ? m.group(2) : "";
  }
}
