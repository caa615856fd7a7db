package dev.regard.kafka.authz;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.RegoException;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback speaking OPA's Data API ({@code POST /v1/data/<path>} with {@code
 * {"input": ...}}, answering {@code {"result": ...}}, or {@code {}} when undefined) with a policy
 * compiled by the Rego engine behind it, and ways to misbehave.
 */
public final class OpaTestServer implements AutoCloseable {
  /** How the server answers. */
  public enum Mode {
    NORMAL,
    SLOW,
    GARBAGE,
    SERVER_ERROR
  }

  private final HttpServer server;
  private final CompiledPolicy policy;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Mode mode = Mode.NORMAL;

  public OpaTestServer(CompiledPolicy policy) throws IOException {
    this.policy = policy;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/data/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 405, "{}");
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      switch (mode) {
        case SLOW -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(exchange, 200, "{\"result\": true}");
        }
        case GARBAGE -> send(exchange, 200, "<html>not json");
        case SERVER_ERROR -> send(exchange, 500, "{\"code\":\"internal_error\"}");
        case NORMAL -> {
          Value request = Json.parse(body, "request");
          Value input = ((ObjectValue) request).get("input");
          String ref =
              "data."
                  + exchange
                      .getRequestURI()
                      .getPath()
                      .substring("/v1/data/".length())
                      .replace('/', '.');
          Optional<Value> result;
          try {
            result = policy.evaluate(ref, input);
          } catch (RegoException e) {
            send(exchange, 500, "{\"code\":\"internal_error\"}");
            return;
          }
          send(
              exchange,
              200,
              result
                  .map(v -> Json.write(ObjectValue.builder().put("result", v).build()))
                  .orElse("{}"));
        }
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
