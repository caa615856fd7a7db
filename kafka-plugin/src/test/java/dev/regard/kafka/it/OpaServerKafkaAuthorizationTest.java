package dev.regard.kafka.it;

import dev.regard.kafka.authz.OpaTestServer;
import dev.regard.kafka.engine.ActivationGate;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.bundle.BundleReader;
import java.util.Map;
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
    var bundle = BundleReader.create().read(EmbeddedKafkaAuthorizationTest.defaultBundle());
    opa = new OpaTestServer(new ActivationGate(EvalLimits.DEFAULT, true, true).admit(bundle));
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
