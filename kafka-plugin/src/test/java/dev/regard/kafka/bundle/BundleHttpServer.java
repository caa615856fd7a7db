package dev.regard.kafka.bundle;

import com.sun.net.httpserver.HttpServer;
import dev.regard.testing.TarGzWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bundle server on loopback following OPA's bundle service protocol: it serves the current
 * tarball with an ETag and answers 304 when the client's If-None-Match matches.
 */
public final class BundleHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger notModified = new AtomicInteger();
  private volatile byte[] tarball = new byte[0];
  private volatile String etag = "\"0\"";
  private volatile int status = 200;
  private volatile String token;
  private int version;

  public BundleHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/bundles/",
        exchange -> {
          try (exchange) {
            if (token != null
                && !("Bearer " + token)
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              exchange.sendResponseHeaders(401, -1);
            } else if (status != 200) {
              exchange.sendResponseHeaders(status, -1);
            } else if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
              notModified.incrementAndGet();
              exchange.sendResponseHeaders(304, -1);
            } else {
              byte[] body = tarball;
              exchange.getResponseHeaders().set("ETag", etag);
              exchange.getResponseHeaders().set("Content-Type", "application/gzip");
              exchange.sendResponseHeaders(200, body.length);
              exchange.getResponseBody().write(body);
            }
          }
        });
    server.start();
  }

  /** Serves these files from now on, under a new ETag. */
  public synchronized void publish(Map<String, byte[]> files) throws IOException {
    tarball = TarGzWriter.write(files);
    etag = "\"" + (++version) + "\"";
  }

  /** Answers every request with this status instead (200 restores normal service). */
  public void status(int status) {
    this.status = status;
  }

  /** Answers 401 to requests without {@code Authorization: Bearer <token>}. */
  public void requireToken(String token) {
    this.token = token;
  }

  public int notModified() {
    return notModified.get();
  }

  public URI url() {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/bundles/kafka.tar.gz");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
