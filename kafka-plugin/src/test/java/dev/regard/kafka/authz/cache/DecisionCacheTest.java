package dev.regard.kafka.authz.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authz.TestRequests;
import dev.regard.kafka.authz.input.RequestFacts;
import java.time.Duration;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

class DecisionCacheTest {
  private static final String QUERY = "data.kafka.authz.allow";
  private static final RequestFacts A =
      RequestFacts.of(TestRequests.context("alice"), TestRequests.topic(AclOperation.READ, "a"));
  private static final RequestFacts B =
      RequestFacts.of(TestRequests.context("alice"), TestRequests.topic(AclOperation.READ, "b"));

  @Test
  void remembersDecisionsPerRevisionAndForgetsThemWhenTheRevisionChanges() {
    DecisionCache cache = new DecisionCache(100, 10, Duration.ofMinutes(1));
    DecisionCache.Key a1 = new DecisionCache.Key("r1", QUERY, A);
    assertThat(cache.get(a1)).isEmpty();
    cache.put(a1, true);
    assertThat(cache.get(a1)).contains(true);
    assertThat(cache.get(new DecisionCache.Key("r1", QUERY, B))).isEmpty();

    DecisionCache.Key a2 = new DecisionCache.Key("r2", QUERY, A);
    assertThat(cache.get(a2)).isEmpty();
    assertThat(cache.size()).isZero();
    // A decision made under the old revision arriving late is not stored.
    cache.put(a1, false);
    assertThat(cache.size()).isZero();
    assertThat(cache.hitRatio()).isGreaterThan(0.0);
  }

  @Test
  void zeroEntriesDisablesCaching() {
    DecisionCache cache = new DecisionCache(0, 10, Duration.ofMinutes(1));
    DecisionCache.Key key = new DecisionCache.Key("r1", QUERY, A);
    cache.put(key, true);
    assertThat(cache.get(key)).isEmpty();
  }
}
