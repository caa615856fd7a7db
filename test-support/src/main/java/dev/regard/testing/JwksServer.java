package dev.regard.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/** A JWKS endpoint on loopback whose answer tests change: keys, garbage, or an HTTP error. */
public final class JwksServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int status = 200;
  private volatile String body = "{\"keys\":[]}";

  public JwksServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jwks",
        exchange -> {
          requests.incrementAndGet();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.createContext(
        "/redirect",
        exchange -> {
          requests.incrementAndGet();
          exchange.getResponseHeaders().set("Location", "/jwks");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
  }

  /** Publishes the public parts of these keys. */
  public void publish(RsaJsonWebKey... keys) {
    JsonWebKeySet set = new JsonWebKeySet();
    for (RsaJsonWebKey key : keys) {
      set.addJsonWebKey(key);
    }
    answer(200, set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
  }

  public void answer(int status, String body) {
    this.status = status;
    this.body = body;
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
