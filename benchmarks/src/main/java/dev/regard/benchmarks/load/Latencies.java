package dev.regard.benchmarks.load;

import java.util.Arrays;

/** Request latencies of one thread, in microseconds; merged and ranked at the end of a run. */
final class Latencies {
  private long[] values = new long[1 << 14];
  private int size;

  void record(long micros) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = micros;
  }

  int count() {
    return size;
  }

  static Latencies merge(Iterable<Latencies> parts) {
    Latencies all = new Latencies();
    for (Latencies p : parts) {
      for (int i = 0; i < p.size; i++) {
        all.record(p.values[i]);
      }
    }
    Arrays.sort(all.values, 0, all.size);
    return all;
  }

  /** The q-quantile (0..1) of a merged, sorted set; 0 when empty. */
  long quantile(double q) {
    if (size == 0) {
      return 0;
    }
    int rank = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
    return values[Math.max(0, rank)];
  }
}
