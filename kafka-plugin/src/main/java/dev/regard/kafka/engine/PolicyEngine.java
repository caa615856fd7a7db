package dev.regard.kafka.engine;

import java.io.Closeable;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Makes policies available for decisions: the embedded Rego engine or a remote OPA server. */
public interface PolicyEngine extends Closeable {
  /** Begins loading policies (for an embedded engine, starts watching the bundle source). */
  void start();

  /** The policy in force; empty while none is, and then every decision is a deny. */
  Optional<Policy> current();

  /** Completes once a policy is in force. */
  CompletableFuture<Void> ready();

  /** Policy bundles that failed to load since start. */
  long loadFailures();

  @Override
  void close();
}
