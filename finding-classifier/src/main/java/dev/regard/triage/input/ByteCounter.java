package dev.regard.triage.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts bytes read from the inputs, so that a progress display can tell how far a run is. */
public final class ByteCounter {
  private final AtomicLong bytes = new AtomicLong();

  /** Bytes read so far, over every stream this counter wrapped. */
  public long bytes() {
    return bytes.get();
  }

  InputStream wrap(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytes.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          bytes.addAndGet(n);
        }
        return n;
      }
    };
  }
}
