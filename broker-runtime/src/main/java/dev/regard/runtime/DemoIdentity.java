package dev.regard.runtime;

/**
 * A demo user of the runtime and the part it plays in the default policy bundle.
 *
 * @param name the SASL user name, which is also the Kafka principal name
 * @param role what the default bundle lets it do, for the banner and the client file's header
 */
public record DemoIdentity(String name, String role) {}
