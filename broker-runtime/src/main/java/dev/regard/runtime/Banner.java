package dev.regard.runtime;

import java.io.PrintStream;
import java.nio.file.Path;

/** The start-up message: where to connect, where the client files are, and what to try first. */
final class Banner {
  private Banner() {}

  static void print(PrintStream out, BrokerRuntime runtime) {
    BrokerSettings s = runtime.settings();
    Path clients = s.layout().clientsDir();
    String topic = "orders.demo";
    out.println();
    out.println("Regard broker is running (KRaft broker + controller, SASL_SSL, policy-enforced).");
    out.println();
    out.println(
        "  Bootstrap server : "
            + s.bootstrap()
            + " (SASL_SSL, "
            + DemoIdentities.MECHANISM
            + " or PLAIN, checked against the bundle)");
    out.println(
        "  Policy bundle    : "
            + s.bundle().describe()
            + runtime.bundleRevision().map(r -> " (revision " + r + ")").orElse(""));
    out.println(
        "  Credentials      : "
            + (runtime.managesBundle()
                ? s.layout().defaultBundleDir().resolve(RuntimeBundleData.CREDENTIALS)
                    + " (hashes, written at each start)"
                : "data.kafka.credentials of the bundle above"));
    out.println(
        "  Connection rate  : "
            + (s.connectionRatePerIp() > 0
                ? s.connectionRatePerIp() + " new connections a second per client address"
                : "no limit per client address")
            + " (--connection-rate-per-ip)");
    out.println("  Client configs   : " + clients + "/{alice,bob,admin}.properties");
    out.println("  CA certificate   : " + runtime.caPem());
    out.println("  Secrets          : " + runtime.secretsFile() + " (owner-only)");
    out.println();
    out.println("Try it with Kafka's console tools (from a Kafka 4.x distribution):");
    out.println("  # allowed: alice produces to her topic");
    out.println(
        "  echo hello | kafka-console-producer.sh --bootstrap-server "
            + s.bootstrap()
            + " --topic "
            + topic
            + " --producer.config "
            + clients.resolve("alice.properties"));
    out.println("  # denied: bob may read orders.* but not write to it");
    out.println(
        "  echo nope | kafka-console-producer.sh --bootstrap-server "
            + s.bootstrap()
            + " --topic "
            + topic
            + " --producer.config "
            + clients.resolve("bob.properties"));
    out.println();
    out.println("Press Ctrl-C to stop.");
  }
}
