package dev.regard.kafka.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.bundle.BundleException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpBundleSourceTest {
  @Test
  void followsTheBundleServiceProtocolWithETags() throws Exception {
    try (BundleHttpServer server = new BundleHttpServer()) {
      server.publish(BundleFixtures.files("alice"));
      HttpBundleSource source =
          new HttpBundleSource(server.url(), Duration.ofSeconds(5), 1 << 20, null);
      BundleFiles first = source.fetch().orElseThrow();
      assertThat(first.files()).containsKey("kafka/authz/policy.rego");
      assertThat(source.fetch()).isEmpty();
      assertThat(server.notModified()).isEqualTo(1);

      server.publish(BundleFixtures.files("bob"));
      BundleFiles second = source.fetch().orElseThrow();
      assertThat(second.revision()).isNotEqualTo(first.revision());
    }
  }

  @Test
  void errorsAndUnreachableServersAreClearFailures() throws Exception {
    try (BundleHttpServer server = new BundleHttpServer()) {
      server.status(503);
      HttpBundleSource source =
          new HttpBundleSource(server.url(), Duration.ofSeconds(5), 1 << 20, null);
      assertThatThrownBy(source::fetch)
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("HTTP 503");
      server.status(200);
      server.publish(
          java.util.Map.of("x", "not a tarball".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    HttpBundleSource down =
        new HttpBundleSource(
            URI.create("http://127.0.0.1:1/bundle.tar.gz"), Duration.ofSeconds(2), 1 << 20, null);
    assertThatThrownBy(down::fetch).hasMessageContaining("unreachable");
  }

  @Test
  void credentialsInTheUrlAreNotShown() {
    HttpBundleSource source =
        new HttpBundleSource(
            URI.create("https://user:token@bundles.example/b.tar.gz?access_token=xyz"),
            Duration.ofSeconds(1),
            1,
            null);
    assertThat(source.describe())
        .doesNotContain("token@")
        .doesNotContain("xyz")
        .contains("bundles.example");
  }

  @Test
  void aBearerTokenIsSentWhenConfigured() throws Exception {
    try (BundleHttpServer server = new BundleHttpServer()) {
      server.publish(BundleFixtures.files("alice"));
      server.requireToken("s3cret");
      assertThatThrownBy(
              new HttpBundleSource(server.url(), Duration.ofSeconds(5), 1 << 20, null)::fetch)
          .hasMessageContaining("HTTP 401");
      assertThatThrownBy(
              new HttpBundleSource(server.url(), Duration.ofSeconds(5), 1 << 20, "wrong")::fetch)
          .hasMessageContaining("HTTP 401");
      assertThat(
              new HttpBundleSource(server.url(), Duration.ofSeconds(5), 1 << 20, "s3cret").fetch())
          .isPresent();
    }
  }
}
