package dev.regard.kafka.authz.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decision-log sink that writes on its own thread from a bounded buffer. {@link #offer} never
 * waits: when the buffer is full the entry is dropped and counted, as are entries of a batch that
 * could not be written.
 */
public abstract class AsyncSink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncSink.class);

  private final String name;
  private final OpaEvent format;
  private final BlockingQueue<DecisionLog.Entry> buffer;
  private final int batchEntries;
  private final long flushIntervalMs;
  private final LongAdder dropped;
  private final Thread writer;
  private volatile boolean closing;
  private volatile String lastFailure = "";

  protected AsyncSink(
      String name,
      OpaEvent format,
      int bufferEntries,
      int batchEntries,
      long flushIntervalMs,
      LongAdder dropped) {
    this.name = name;
    this.format = format;
    this.buffer = new ArrayBlockingQueue<>(bufferEntries);
    this.batchEntries = batchEntries;
    this.flushIntervalMs = flushIntervalMs;
    this.dropped = dropped;
    this.writer = new Thread(this::run, "regard-decision-log-" + name);
    this.writer.setDaemon(true);
  }

  /** Starts the writer thread; called once the sink is fully constructed. */
  protected final void startWriter() {
    writer.start();
  }

  /** Learns what the broker tells its authorizer at start; by default nothing is needed. */
  protected void start(AuthorizerServerInfo serverInfo) {}

  /** Whether this sink takes the entry; by default every entry. */
  protected boolean accepts(DecisionLog.Entry entry) {
    return true;
  }

  /** Buffers the entry, or drops and counts it when the buffer is full. Never waits. */
  public final void offer(DecisionLog.Entry entry) {
    if (accepts(entry) && !buffer.offer(entry)) {
      dropped.increment();
    }
  }

  /** Writes one batch of entries, each one line of JSON; throws when they were not written. */
  protected abstract void write(List<String> events) throws Exception;

  /** Releases what the sink holds open, after the last write. */
  protected void release() {}

  private void run() {
    List<DecisionLog.Entry> batch = new ArrayList<>(batchEntries);
    while (!closing || !buffer.isEmpty()) {
      try {
        DecisionLog.Entry first = buffer.poll(flushIntervalMs, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        buffer.drainTo(batch, batchEntries - 1);
        deliver(batch);
      } catch (InterruptedException e) {
        if (!closing) {
          Thread.currentThread().interrupt();
          return;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void deliver(List<DecisionLog.Entry> batch) {
    List<String> events = new ArrayList<>(batch.size());
    for (DecisionLog.Entry entry : batch) {
      events.add(format.json(entry));
    }
    try {
      write(events);
      lastFailure = "";
    } catch (Exception e) {
      dropped.add(batch.size());
      String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!failure.equals(lastFailure)) {
        LOG.warn("Decision-log sink {} dropped {} entries: {}", name, batch.size(), failure);
        lastFailure = failure;
      }
    }
  }

  /** Writes what is buffered, for at most {@code timeoutMs}, then releases the sink. */
  public void close(long timeoutMs) {
    closing = true;
    try {
      writer.join(timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      writer.interrupt();
    }
    release();
  }

  @Override
  public void close() {
    close(5_000);
  }
}
