package dev.regard.kafka.authn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The listener whose network thread runs a SASL exchange, read from the name Kafka gives those
 * threads ({@code data-plane-kafka-network-thread-<node>-<listener>-<protocol>-<n>}). Kafka tells
 * callback handlers neither their listener nor the client, so failure lines would otherwise say
 * nothing of where an attempt came in. For log lines only: no decision depends on a thread name.
 */
final class NetworkThreadListener {
  private static final Pattern NAME =
      Pattern.compile(
          "kafka-network-thread-\\d+-(.+)-(?:PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL)-\\d+$");

  private NetworkThreadListener() {}

  /** The current thread's listener; empty on any other thread. */
  static String current() {
    return of(Thread.currentThread().getName());
  }

  static String of(String threadName) {
    Matcher m = NAME.matcher(threadName);
    return m.find() ? m.group(1) : "";
  }
}
