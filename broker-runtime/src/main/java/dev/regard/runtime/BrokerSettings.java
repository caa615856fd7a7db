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
 */
public record BrokerSettings(
    RunLayout layout,
    String host,
    int port,
    int controllerPort,
    BundleSource bundle,
    long pollIntervalMs,
    Map<String, String> overrides) {

  public BrokerSettings {
    overrides = Map.copyOf(overrides);
    if (port == controllerPort) {
      throw new RuntimeFailure(
          "the client port and the controller port are both " + port + ". Fix: choose two ports.");
    }
  }

  public String bootstrap() {
    return host + ":" + port;
  }
}
