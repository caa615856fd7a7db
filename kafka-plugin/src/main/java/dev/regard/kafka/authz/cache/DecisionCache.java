package dev.regard.kafka.authz.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.regard.kafka.authz.input.RequestFacts;
import java.time.Duration;
import java.util.Optional;

/**
 * Remembers decisions, keyed by the request's facts, the query and the policy revision, so a
 * decision never outlives the policy that made it. Bounded in size and age; emptied when a new
 * revision comes into force. Only successful evaluations are cached: failures are retried.
 */
public final class DecisionCache {
  /** What a decision depends on. */
  public record Key(String revision, String query, RequestFacts facts) {}

  private final Cache<Key, Boolean> cache;
  private volatile String revision;

  /**
   * @param maxEntries 0 disables caching
   */
  public DecisionCache(long maxEntries, int initialCapacity, Duration ttl) {
    this.cache =
        maxEntries == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .initialCapacity((int) Math.min(initialCapacity, maxEntries))
                .expireAfterWrite(ttl)
                .recordStats()
                .build();
  }

  public Optional<Boolean> get(Key key) {
    if (cache == null) {
      return Optional.empty();
    }
    forgetOlderRevisions(key.revision());
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  public void put(Key key, boolean allowed) {
    if (cache != null && key.revision().equals(revision)) {
      cache.put(key, allowed);
    }
  }

  private void forgetOlderRevisions(String inForce) {
    if (!inForce.equals(revision)) {
      synchronized (this) {
        if (!inForce.equals(revision)) {
          cache.invalidateAll();
          revision = inForce;
        }
      }
    }
  }

  /** The share of lookups answered from the cache, 0 when there were none. */
  public double hitRatio() {
    return cache == null ? 0.0 : cache.stats().hitRate();
  }

  public long size() {
    return cache == null ? 0 : cache.estimatedSize();
  }
}
