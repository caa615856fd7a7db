package dev.regard.runtime;

import dev.regard.kafka.bundle.Redact;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * The rate at which each client address may open connections: Kafka's {@code
 * connection_creation_rate} quota for the default {@code ip} entity. Kafka's acceptor counts a new
 * connection against its address before any TLS handshake and holds a connection over the rate
 * until the rate is back within it, then closes it unread; connections already open, and other
 * addresses, are unaffected. So one source cannot make the network threads, which also serve the
 * logged-in clients, perform TLS handshakes faster than this rate, whatever it sends.
 *
 * <p>Kafka keeps address quotas only in the cluster metadata, set through the Admin API, so the
 * runtime sets the default at every start; quotas for single addresses (set with {@code
 * kafka-configs.sh --entity-type ips --entity-name ADDRESS}) are left as they are and win over it.
 */
final class ConnectionRateQuota {
  static final String KEY = "connection_creation_rate";
  private static final ClientQuotaEntity EVERY_ADDRESS =
      new ClientQuotaEntity(Collections.singletonMap(ClientQuotaEntity.IP, null));

  private ConnectionRateQuota() {}

  /**
   * Sets the default rate for every address through the broker at {@code adminSettings}, or removes
   * it when {@code ratePerSecond} is 0.
   */
  static void apply(Map<String, String> adminSettings, int ratePerSecond) {
    Double rate = ratePerSecond > 0 ? (double) ratePerSecond : null;
    ClientQuotaAlteration alteration =
        new ClientQuotaAlteration(EVERY_ADDRESS, List.of(new ClientQuotaAlteration.Op(KEY, rate)));
    try (Admin admin = Admin.create(new HashMap<String, Object>(adminSettings))) {
      admin.alterClientQuotas(List.of(alteration)).all().get(2, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new RuntimeFailure(
          "cannot set the connection rate per address ("
              + Redact.text(String.valueOf(cause))
              + "). Fix: check that the broker's own identity may log in and alter quotas,"
              + " or start with --connection-rate-per-ip 0.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("interrupted while setting the connection rate per address", e);
    }
  }
}
