package dev.regard.kafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.engine.AuthorizerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md must be what ConfigDocs generates from the ConfigDef. To refresh it, run
 * this test with {@code -Dregard.update.docs=true}.
 */
class ConfigDocsTest {
  @Test
  void committedReferenceMatchesTheConfigDef() throws Exception {
    Path root = Path.of(System.getProperty("regard.repository.root", "..")).toAbsolutePath();
    Path doc = root.resolve("docs/configuration.md");
    String generated = ConfigDocs.markdown();
    if (Boolean.getBoolean("regard.update.docs")) {
      Files.createDirectories(doc.getParent());
      ConfigDocs.main(new String[] {doc.toString()});
    }
    assertThat(doc).exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/configuration.md is stale: rerun this test with -Dregard.update.docs=true")
        .isEqualTo(generated);
  }

  @Test
  void everyKeyIsDocumented() {
    String md = ConfigDocs.markdown();
    for (String key : AuthorizerConfig.DEFINITION.names()) {
      assertThat(md).contains("| `" + key + "` |");
    }
    assertThat(md).contains("`opa.authorizer.cache.maximum.size`").contains("`opa.authorizer.url`");
  }
}
