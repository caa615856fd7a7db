package dev.regard.kafka.it;

import dev.regard.kafka.authz.OpaTestServer;
import dev.regard.kafka.bundle.BundleReader;
import dev.regard.kafka.bundle.DirectoryBundleSource;
import dev.regard.kafka.engine.EmbeddedEngine;
import dev.regard.rego.EvalLimits;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Decisions asked of an OPA Data API server on loopback (the opa-server engine), which evaluates
 * the default least-privilege bundle.
 */
class OpaServerKafkaAuthorizationTest extends KafkaAuthorizationTest {
  private static OpaTestServer opa;

  @BeforeAll
  static void start() throws Exception {
    var files =
        new DirectoryBundleSource(EmbeddedKafkaAuthorizationTest.defaultBundle(), 1 << 20)
            .fetch()
            .orElseThrow();
    var bundle = new BundleReader(Optional.empty()).read(files);
    opa = new OpaTestServer(EmbeddedEngine.compile(bundle, EvalLimits.DEFAULT, true));
    startCluster(
        Map.of(
            "regard.engine", "opa-server",
            "regard.opa.url", opa.baseUrl().toString(),
            "regard.opa.timeout.ms", "10000"));
  }

  @AfterAll
  static void stopOpa() {
    if (opa != null) {
      opa.close();
    }
  }
}
