package dev.regard.kafka.it;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Decisions made in the broker's JVM by the embedded Rego engine from the project's default
 * least-privilege bundle, read from its directory in policy-bundles.
 */
class EmbeddedKafkaAuthorizationTest extends KafkaAuthorizationTest {
  static Path defaultBundle() {
    return Path.of(System.getProperty("regard.repository.root", ".."))
        .resolve("policy-bundles/src/main/resources/bundles/default");
  }

  @BeforeAll
  static void start() throws Exception {
    startCluster(
        Map.of(
            "regard.engine", "embedded",
            "regard.bundle.source", "dir",
            "regard.bundle.path", defaultBundle().toString(),
            "regard.bundle.run.tests", "true"));
  }
}
