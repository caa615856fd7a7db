package dev.regard.kafka.authn;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The {@code bundle-load-failures-total} metric of the brokers in this JVM, read through JMX as an
 * operator reads it, so a test can see that a poll met a bad bundle instead of sleeping.
 */
final class BundleFailures {
  private static final String METRIC = "bundle-load-failures-total";

  private BundleFailures() {}

  static double total() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    double total = 0;
    for (ObjectName name : server.queryNames(new ObjectName("*:type=plugins,*"), null)) {
      try {
        if (server.getAttribute(name, METRIC) instanceof Number n) {
          total = Math.max(total, n.doubleValue());
        }
      } catch (javax.management.AttributeNotFoundException e) {
        // another plugin's metrics
      }
    }
    return total;
  }

  /** Waits (up to 30 seconds) until the counter is above {@code before}; returns its value. */
  static double awaitAbove(double before) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    double now = total();
    while (now <= before && Instant.now().isBefore(deadline)) {
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
      now = total();
    }
    return now;
  }
}
