package dev.regard.kafka.authn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A real HTTP server on loopback speaking OPA's Data API ({@code POST /v1/data/<path>} with {@code
 * {"input": ...}}, answering {@code {"result": ...}}, or {@code {}} when undefined), whose answers
 * come from a function of the data reference and the input.
 */
final class DataApiServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final BiFunction<String, Value, Optional<Value>> policy;

  DataApiServer(BiFunction<String, Value, Optional<Value>> policy) throws IOException {
    this.policy = policy;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/data/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Value input = ((ObjectValue) Json.parse(body, "request")).get("input");
      String path = exchange.getRequestURI().getPath().substring("/v1/data/".length());
      Optional<Value> result = policy.apply("data." + path.replace('/', '.'), input);
      byte[] answer =
          result
              .map(v -> Json.write(ObjectValue.builder().put("result", v).build()))
              .orElse("{}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
