package dev.regard.runtime;

import java.util.Map;

/**
 * What one start of the runtime needs to know, resolved from the configuration file and the command
 * line.
 *
 * @param layout the run folder
 * @param host the address the client listener binds to and advertises
 * @param port the SASL_SSL client listener's port
 * @param controllerPort the controller listener's port, on loopback
 * @param bundle the policy bundle source
 * @param pollIntervalMs how often the bundle source is polled
 * @param overrides Kafka or Regard settings that replace the runtime's own
 * @param connectionRatePerIp new connections a second each client address may open, 0 for no limit:
 *     the default of Kafka's {@code connection_creation_rate} quota for addresses
 */
public record BrokerSettings(
    RunLayout layout,
    String host,
    int port,
    int controllerPort,
    BundleSource bundle,
    long pollIntervalMs,
    Map<String, String> overrides,
    int connectionRatePerIp) {

  /** The runtime's limit when none is given. */
  public static final int DEFAULT_CONNECTION_RATE_PER_IP = 2;

  public BrokerSettings {
    overrides = Map.copyOf(overrides);
    if (connectionRatePerIp < 0) {
      throw new RuntimeFailure(
          "the connection rate per address is "
              + connectionRatePerIp
              + ". Fix: give a number of connections a second, or 0 for no limit.");
    }
    if (port == controllerPort) {
      throw new RuntimeFailure(
          "the client port and the controller port are both " + port + ". Fix: choose two ports.");
    }
  }

  /** Settings with the runtime's default connection rate per address. */
  public BrokerSettings(
      RunLayout layout,
      String host,
      int port,
      int controllerPort,
      BundleSource bundle,
      long pollIntervalMs,
      Map<String, String> overrides) {
    this(
        layout,
        host,
        port,
        controllerPort,
        bundle,
        pollIntervalMs,
        overrides,
        DEFAULT_CONNECTION_RATE_PER_IP);
  }

  public String bootstrap() {
    return host + ":" + port;
  }
}
