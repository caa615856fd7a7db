package dev.regard.kafka.engine;

import dev.regard.kafka.bundle.Redact;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks an OPA server through its REST Data API: {@code POST /v1/data/<path>} with {@code {"input":
 * ...}}. Any failure (unreachable, timeout, non-200, unreadable answer) is a {@link
 * PolicyException}, which the authorizer turns into a deny.
 */
public final class OpaServerEngine implements PolicyEngine {
  private static final int MAX_RESPONSE_BYTES = 1 << 20;

  private final URI baseUrl;
  private final Duration timeout;
  private final HttpClient client;
  private final Policy policy;

  /**
   * @param baseUrl the server's address, such as {@code http://localhost:8181}
   */
  public OpaServerEngine(URI baseUrl, Duration timeout, Clock clock) {
    this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    Instant startedAt = clock.instant();
    this.policy =
        new Policy() {
          @Override
          public String revision() {
            return "opa-server";
          }

          @Override
          public Instant loadedAt() {
            return startedAt;
          }

          @Override
          public Optional<Value> evaluate(String query, Value input) throws PolicyException {
            return ask(query, input);
          }
        };
  }

  /**
   * The Data API path of a reference: {@code data.kafka.authz.allow} to {@code
   * v1/data/kafka/authz/allow}.
   */
  static String dataPath(String query) {
    return "v1/" + query.replace('.', '/');
  }

  private Optional<Value> ask(String query, Value input) throws PolicyException {
    URI uri = baseUrl.resolve(dataPath(query));
    String where = Redact.url(uri.toString());
    String body = Json.write(ObjectValue.builder().put("input", input).build());
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new PolicyException("OPA server " + where + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PolicyException("interrupted while asking OPA server " + where, e);
    }
    String text;
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new PolicyException("OPA server " + where + " answered more than 1 MiB");
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PolicyException("reading the answer of OPA server " + where + " failed: " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new PolicyException(
          "OPA server "
              + where
              + " answered HTTP "
              + response.statusCode()
              + ": "
              + abbreviate(text));
    }
    Value answer;
    try {
      answer = Json.parse(text, "response");
    } catch (RuntimeException e) {
      throw new PolicyException(
          "OPA server " + where + " answered with invalid JSON: " + e.getMessage(), e);
    }
    if (!(answer instanceof ObjectValue object)) {
      throw new PolicyException(
          "OPA server " + where + " answered " + abbreviate(text) + ", not an object");
    }
    return Optional.ofNullable(object.get("result"));
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  @Override
  public void start() {}

  @Override
  public Optional<Policy> current() {
    return Optional.of(policy);
  }

  @Override
  public CompletableFuture<Void> ready() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public long loadFailures() {
    return 0;
  }

  @Override
  public void close() {}
}
