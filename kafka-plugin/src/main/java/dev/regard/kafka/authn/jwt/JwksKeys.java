package dev.regard.kafka.authn.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys tokens are verified with: keys given in configuration, and keys fetched from a
 * JWKS endpoint, refreshed every {@code refresh}, and at most once per {@code minRefreshInterval}
 * when a token names a key id not yet known (a key rotated in). When the endpoint fails or answers
 * garbage, the last good keys stay in use for {@code staleMax} past their refresh time; after that
 * only configured keys remain, and with none every token is refused. Symmetric (HMAC) keys are
 * never used, so a public key cannot double as an HMAC secret.
 */
public final class JwksKeys {
  private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);
  private static final int MAX_JWKS_BYTES = 1 << 20;

  /** Where and how often keys are fetched; {@code url} empty for configured keys only. */
  public record Settings(
      Optional<URI> url,
      Duration refresh,
      Duration minRefreshInterval,
      Duration staleMax,
      Duration timeout) {}

  private record Fetched(List<JsonWebKey> keys, Instant at) {}

  private record SharedKey(String configuredJwks, Settings settings) {}

  /** Kafka creates a handler per listener and network thread; they share one key cache. */
  private static final Map<SharedKey, JwksKeys> SHARED = new ConcurrentHashMap<>();

  private final List<JsonWebKey> configured;
  private final Settings settings;
  private final Clock clock;
  private final HttpClient http;
  private volatile Fetched fetched;
  private Instant lastAttempt = Instant.MIN;

  public JwksKeys(String configuredJwks, Settings settings, Clock clock) throws JoseException {
    this.configured = configuredJwks.isBlank() ? List.of() : usable(configuredJwks, "configured");
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.timeout())
            .build();
  }

  /**
   * The key cache for these settings, shared by every handler in the JVM so that all of them see a
   * rotation at once and the endpoint is fetched once per refresh.
   */
  public static JwksKeys shared(String configuredJwks, Settings settings) throws JoseException {
    SharedKey key = new SharedKey(configuredJwks, settings);
    JwksKeys existing = SHARED.get(key);
    if (existing != null) {
      return existing;
    }
    JwksKeys created = new JwksKeys(configuredJwks, settings, Clock.systemUTC());
    JwksKeys raced = SHARED.putIfAbsent(key, created);
    return raced == null ? created : raced;
  }

  /** Whether any key could verify a token: configured keys, or an endpoint to fetch them from. */
  public boolean hasSource() {
    return !configured.isEmpty() || settings.url().isPresent();
  }

  /**
   * The keys in force; fetches when the refresh is due, or when {@code kid} is unknown and the rate
   * limit allows.
   */
  public List<JsonWebKey> keys(String kid) {
    if (settings.url().isPresent()) {
      Instant now = clock.instant();
      Fetched current = fetched;
      boolean due = current == null || !now.isBefore(current.at().plus(settings.refresh()));
      boolean unknownKid = kid != null && current != null && !contains(current.keys(), kid);
      if (due || unknownKid) {
        refresh(now);
      }
    }
    List<JsonWebKey> keys = new ArrayList<>(configured);
    Fetched current = fetched;
    if (current != null
        && clock
            .instant()
            .isBefore(current.at().plus(settings.refresh()).plus(settings.staleMax()))) {
      keys.addAll(current.keys());
    }
    return keys;
  }

  /** At most one fetch per minimum interval, whatever asks: a failing endpoint is not hammered. */
  private synchronized void refresh(Instant now) {
    if (lastAttempt != Instant.MIN
        && now.isBefore(lastAttempt.plus(settings.minRefreshInterval()))) {
      return;
    }
    lastAttempt = now;
    URI url = settings.url().orElseThrow();
    try {
      fetched = new Fetched(usable(fetch(url), url.toString()), clock.instant());
      LOG.debug("Fetched {} keys from {}", fetched.keys().size(), url);
    } catch (IOException | JoseException | RuntimeException e) {
      LOG.warn(
          "JWKS fetch from {} failed: {}; {}",
          url,
          e.getMessage(),
          fetched == null
              ? "no keys fetched yet"
              : "the last good keys stay in use until they expire");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String fetch(URI url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(settings.timeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      byte[] body = in.readNBytes(MAX_JWKS_BYTES + 1);
      if (body.length > MAX_JWKS_BYTES) {
        throw new IOException("the JWKS is larger than " + MAX_JWKS_BYTES + " bytes");
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The public signature keys of a JWKS; refuses a set that has none. */
  private static List<JsonWebKey> usable(String json, String source) throws JoseException {
    List<JsonWebKey> keys = new ArrayList<>();
    for (JsonWebKey key : new JsonWebKeySet(json).getJsonWebKeys()) {
      boolean signing = key.getUse() == null || key.getUse().equals("sig");
      if (signing
          && key instanceof PublicJsonWebKey pub
          && pub.getPublicKey() instanceof PublicKey) {
        keys.add(key);
      } else {
        LOG.warn(
            "Ignoring key {} of type {} from {}: not a public signature key",
            key.getKeyId(),
            key.getKeyType(),
            source);
      }
    }
    if (keys.isEmpty()) {
      throw new JoseException("no public signature key in the JWKS from " + source);
    }
    return List.copyOf(keys);
  }

  private static boolean contains(List<JsonWebKey> keys, String kid) {
    for (JsonWebKey key : keys) {
      if (kid.equals(key.getKeyId())) {
        return true;
      }
    }
    return false;
  }
}
