package dev.regard.kafka.authn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkThreadListenerTest {
  @Test
  void readsTheListenerFromKafkasNetworkThreadNames() {
    assertThat(NetworkThreadListener.of("data-plane-kafka-network-thread-1-SASL_SSL-SASL_SSL-0"))
        .isEqualTo("SASL_SSL");
    assertThat(
            NetworkThreadListener.of(
                "data-plane-kafka-network-thread-3-INTERNAL-TLS-SASL_PLAINTEXT-12"))
        .isEqualTo("INTERNAL-TLS");
    assertThat(NetworkThreadListener.of("data-plane-kafka-network-thread-1-CLIENT-SSL-2"))
        .isEqualTo("CLIENT");
  }

  @Test
  void anyOtherThreadHasNone() {
    assertThat(NetworkThreadListener.of("main")).isEmpty();
    assertThat(NetworkThreadListener.of("data-plane-kafka-request-handler-0")).isEmpty();
    assertThat(NetworkThreadListener.of("kafka-network-thread-x-SASL_SSL-SASL_SSL-0")).isEmpty();
  }
}
