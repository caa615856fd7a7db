package dev.regard.kafka.engine;

import dev.regard.rego.value.Value;
import java.time.Instant;
import java.util.Optional;

/** One policy in force. Implementations are immutable and safe for concurrent use. */
public interface Policy {
  /** Identifies the policy's content; part of every cache key. */
  String revision();

  /** When this policy came into force. */
  Instant loadedAt();

  /**
   * Evaluates a document reference such as {@code data.kafka.authz.allow}.
   *
   * @return its value, or empty when undefined
   */
  Optional<Value> evaluate(String query, Value input) throws PolicyException;

  /**
   * Evaluations made one after the other on one thread, such as those of the actions of one
   * request: each answers as {@link #evaluate} would; an implementation may share between them the
   * work their inputs do not change.
   */
  default Session session() {
    return this::evaluate;
  }

  /** See {@link #session()}. Not thread-safe. */
  @FunctionalInterface
  interface Session {
    Optional<Value> evaluate(String query, Value input) throws PolicyException;
  }
}
