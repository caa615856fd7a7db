package dev.regard.runtime;

import java.nio.file.Path;

/**
 * Where the runtime keeps its state under one folder (by default {@code run/}): Kafka's data, the
 * development TLS material, generated secrets and ready-to-use client configurations. Every start
 * reuses what an earlier start left there.
 */
public record RunLayout(Path root) {
  public RunLayout {
    root = root.toAbsolutePath().normalize();
  }

  /** Kafka log and metadata directory. */
  public Path dataDir() {
    return root.resolve("data");
  }

  public Path tlsDir() {
    return root.resolve("tls");
  }

  /** Generated passwords; readable by the owner only. */
  public Path secretsDir() {
    return root.resolve("secrets");
  }

  /** One properties file per demo identity, for Kafka's tools and Java clients. */
  public Path clientsDir() {
    return root.resolve("clients");
  }

  /** The policy bundle the broker loads when no other source is given. */
  public Path defaultBundleDir() {
    return root.resolve("bundle");
  }

  /** The broker configuration as it was last started, for reference. */
  public Path serverProperties() {
    return root.resolve("server.properties");
  }
}
