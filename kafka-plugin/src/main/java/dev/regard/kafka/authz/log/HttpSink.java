package dev.regard.kafka.authz.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;

/**
 * Uploads entries as OPA's decision-log plugin does: each batch one gzip-compressed JSON array
 * POSTed to {@code <url>/logs}.
 */
public final class HttpSink extends AsyncSink {
  private final HttpClient client;
  private final URI logs;
  private final String token;
  private final Duration timeout;

  public HttpSink(
      String url,
      String token,
      Duration timeout,
      OpaEvent format,
      int bufferEntries,
      int batchEntries,
      long flushIntervalMs,
      LongAdder dropped) {
    super("http", format, bufferEntries, batchEntries, flushIntervalMs, dropped);
    this.logs = URI.create(url.endsWith("/") ? url + "logs" : url + "/logs");
    this.token = token;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    startWriter();
  }

  @Override
  protected void write(List<String> events) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(logs)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(gzip("[" + String.join(",", events) + "]")));
    if (token != null && !token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<Void> response =
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(logs + " answered HTTP " + response.statusCode());
    }
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
