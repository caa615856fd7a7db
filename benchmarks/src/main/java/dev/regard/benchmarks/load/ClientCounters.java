package dev.regard.benchmarks.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A cumulative counter summed over the load's Kafka clients, from their own metrics: the clients'
 * view of how many requests a run took, read from any thread.
 */
final class ClientCounters {
  private final String group;
  private final String name;
  private final List<Supplier<Map<MetricName, ? extends Metric>>> clients =
      new CopyOnWriteArrayList<>();

  /** The client-level metric {@code name} of {@code group}, e.g. consumers' fetch-total. */
  ClientCounters(String group, String name) {
    this.group = group;
    this.name = name;
  }

  void add(Supplier<Map<MetricName, ? extends Metric>> metrics) {
    clients.add(metrics);
  }

  /** The sum now over the clients added so far. */
  double total() {
    double sum = 0;
    for (Supplier<Map<MetricName, ? extends Metric>> client : clients) {
      for (Map.Entry<MetricName, ? extends Metric> m : client.get().entrySet()) {
        MetricName n = m.getKey();
        if (n.group().equals(group) && n.name().equals(name) && !n.tags().containsKey("topic")) {
          sum += ((Number) m.getValue().metricValue()).doubleValue();
        }
      }
    }
    return sum;
  }
}
