package dev.regard.triage.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/** The server's standard input, telling when the client has closed it: the session is over. */
public final class EndOfInput extends FilterInputStream {
  private final CountDownLatch ended = new CountDownLatch(1);

  public EndOfInput(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    return seen(super.read());
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return seen(super.read(b, off, len));
  }

  private int seen(int n) {
    if (n < 0) {
      ended.countDown();
    }
    return n;
  }

  /** Blocks until the input has ended. */
  public void await() throws InterruptedException {
    ended.await();
  }
}
