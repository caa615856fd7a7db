package dev.regard.benchmarks.authz;

import dev.regard.kafka.authz.cache.DecisionCache;
import dev.regard.kafka.authz.input.RequestFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.server.authorizer.Action;

/**
 * Measures the heap one decision-cache entry takes: fills a cache with {@code entries} decisions of
 * distinct principals and topics (each principal's request context built once, as a broker keeps it
 * per connection) and divides the growth of the live heap, after full collections, by the count.
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * dev.regard.benchmarks.authz.DecisionCacheFootprint [entries]}.
 */
public final class DecisionCacheFootprint {
  private DecisionCacheFootprint() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    List<RequestContext> contexts = new ArrayList<>();
    for (int p = 0; p < 1_000; p++) {
      contexts.add(AuthzFixture.context("user-" + p));
    }
    long before = liveHeap();
    DecisionCache cache = new DecisionCache(entries, 1_000, Duration.ofHours(1));
    for (int i = 0; i < entries; i++) {
      Action action =
          new Action(
              AclOperation.WRITE,
              new ResourcePattern(ResourceType.TOPIC, "team-" + i + ".events", PatternType.LITERAL),
              1,
              true,
              true);
      RequestFacts facts = RequestFacts.of(contexts.get(i % contexts.size()), action);
      DecisionCache.Key key = new DecisionCache.Key("rev-1", "data.kafka.authz.allow", facts);
      cache.get(key);
      cache.put(key, i % 2 == 0);
    }
    long after = liveHeap();
    System.out.printf(
        "%d entries (cache reports %d): %.0f bytes per entry, %.1f MiB in all%n",
        entries, cache.size(), (after - before) / (double) entries, (after - before) / 1048576.0);
  }

  private static long liveHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
