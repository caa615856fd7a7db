package dev.regard.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings that bound what an unauthenticated or misbehaving client can cost the broker.
 * Each departs from Kafka's default for the reason given beside it; docs/operations.md explains
 * them to operators.
 */
public final class HardenedDefaults {
  private HardenedDefaults() {}

  /** Setting name to value, in the order the banner and docs list them. */
  public static Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    // Kafka accepts 100 MiB requests; a single client can pin that much heap per request.
    s.put("socket.request.max.bytes", Integer.toString(10 * 1024 * 1024));
    // Kafka's default; stated so the bound is explicit next to the byte bound below.
    s.put("queued.max.requests", "500");
    // Unbounded by default: cap the bytes of queued requests, not only their number.
    s.put("queued.max.request.bytes", Long.toString(256L * 1024 * 1024));
    // Unlimited by default: one address cannot exhaust the broker's sockets.
    s.put("max.connections.per.ip", "100");
    // Unlimited by default: slow down connection storms before TLS handshakes pile up.
    s.put("max.connection.creation.rate", "50");
    // 100 ms by default: make password guessing ten times slower.
    s.put("connection.failed.authentication.delay.ms", "1000");
    // 512 KiB by default: SASL messages before authentication are small.
    s.put("sasl.server.max.receive.size", Integer.toString(64 * 1024));
    // Ten minutes by default and the same before authentication; shorter for idle sockets.
    s.put("connections.max.idle.ms", Integer.toString(3 * 60 * 1000));
    // On by default: a typo in a topic name creates a topic, and a client that may not create
    // one gets an authorization error instead of waiting for the topic to exist.
    s.put("auto.create.topics.enable", "false");
    // Re-authenticate long-lived connections so revoked credentials stop working.
    s.put("connections.max.reauth.ms", Integer.toString(60 * 60 * 1000));
    return s;
  }
}
