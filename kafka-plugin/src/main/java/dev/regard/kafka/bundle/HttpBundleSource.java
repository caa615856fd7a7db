package dev.regard.kafka.bundle;

import dev.regard.rego.bundle.BundleException;
import dev.regard.rego.bundle.BundleReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A bundle served over HTTP(S) as OPA's bundle service protocol describes: a GET returns the {@code
 * .tar.gz} with an ETag; later GETs send it back as {@code If-None-Match} and a 304 means
 * unchanged.
 */
public final class HttpBundleSource implements BundleSource {
  private final URI url;
  private final Duration timeout;
  private final long maxBytes;
  private final HttpClient client;
  private final String bearerToken;
  private String etag;
  private String lastRevision;

  /**
   * @param bearerToken sent as {@code Authorization: Bearer <token>} when not null, as OPA's bundle
   *     service credentials do
   */
  public HttpBundleSource(URI url, Duration timeout, long maxBytes, String bearerToken) {
    this.url = url;
    this.bearerToken = bearerToken;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public Optional<BundleFiles> fetch() throws BundleException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new BundleException(describe() + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleException(describe() + ": interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() == 304) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new BundleException(describe() + " answered HTTP " + response.statusCode());
      }
      byte[] compressed = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (compressed.length > maxBytes) {
        throw new BundleException(describe() + ": bundle exceeds " + maxBytes + " bytes");
      }
      Map<String, byte[]> files =
          BundleReader.unpackTarGz(
              new ByteArrayInputStream(compressed), describe(), BundleFiles.limits(maxBytes));
      etag = response.headers().firstValue("ETag").orElse(null);
      String revision = Sha256.ofFiles(files);
      if (revision.equals(lastRevision)) {
        return Optional.empty();
      }
      lastRevision = revision;
      return Optional.of(new BundleFiles(files, revision));
    } catch (IOException e) {
      throw new BundleException(describe() + ": reading the response failed: " + e, e);
    }
  }

  @Override
  public String describe() {
    return "bundle server " + Redact.url(url.toString());
  }
}
