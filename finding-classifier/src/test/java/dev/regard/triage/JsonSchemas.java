package dev.regard.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Validates documents against published JSON schemas (test resources under schemas/, docs/). */
public final class JsonSchemas {
  /** SARIF 2.1.0 as OASIS publishes it (JSON Schema draft-04). */
  public static final Path SARIF = Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json");

  /** OpenVEX 0.2.0 (JSON Schema draft 2020-12). */
  public static final Path OPENVEX =
      Path.of("src/test/resources/schemas/openvex_json_schema-0.2.0.json");

  /** The threat-model companion's schema, as documented. */
  public static final Path COMPANION = Path.of("../docs/threat-model-companion.schema.json");

  private JsonSchemas() {}

  /**
   * The violations of {@code document}, as messages with their instance location; empty if valid.
   */
  public static List<String> violations(Path schemaFile, JsonNode document) throws IOException {
    SpecificationVersion draft =
        schemaFile.equals(SARIF)
            ? SpecificationVersion.DRAFT_4
            : SpecificationVersion.DRAFT_2020_12;
    // Formats (date-time, uri) are checked too: OpenVEX relies on them.
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            draft,
            b ->
                b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    Schema schema;
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema = registry.getSchema(in);
    }
    List<Error> errors = schema.validate(document);
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }
}
