package dev.regard.kafka.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void userInfoQueryStringsAndFragmentsNeverShow() {
    assertThat(Redact.url("https://bob:pw@bundles.example/b.tar.gz?token=s3cret&x=1#frag"))
        .isEqualTo("https://***@bundles.example/b.tar.gz?***");
    assertThat(Redact.url("https://bundles.example/b.tar.gz"))
        .isEqualTo("https://bundles.example/b.tar.gz");
  }

  @Test
  void everyUrlInAMessageIsRedacted() {
    assertThat(
            Redact.text(
                "fetching https://h/b?token=s3cret failed; mirror git://u:p@g/r.git?access_token=t2"))
        .doesNotContain("s3cret", "t2", "u:p")
        .contains("https://h/b?***", "git://***@g/r.git?***");
  }

  @Test
  void anUnreachableBundleUrlWithATokenIsDescribedWithoutIt() {
    HttpBundleSource source =
        new HttpBundleSource(
            URI.create("http://127.0.0.1:1/bundle.tar.gz?token=s3cret"),
            Duration.ofSeconds(2),
            1 << 20,
            null);
    assertThat(source.describe()).doesNotContain("s3cret");
    assertThatThrownBy(source::fetch)
        .hasMessageContaining("unreachable")
        .hasMessageNotContaining("s3cret");
  }
}
