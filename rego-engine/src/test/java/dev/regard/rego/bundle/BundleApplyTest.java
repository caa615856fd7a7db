package dev.regard.rego.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.Rego;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.testing.TarGzBuilder;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** A bundle read from an archive feeds the real engine. */
class BundleApplyTest {

  @Test
  void bundleModulesAndMountedDataDecide() {
    byte[] tar =
        new TarGzBuilder()
            .file("/.manifest", "{\"revision\":\"3\",\"roots\":[\"kafka\"]}")
            .file(
                "/kafka/authz/policy.rego",
                "package kafka.authz\n\nallow if input.principal in data.kafka.acl.admins\n")
            .file("/kafka/acl/data.yaml", "admins:\n  - User:alice\n")
            .build();
    Bundle bundle = BundleReader.create().readTarGz(new ByteArrayInputStream(tar), "authz.tar.gz");

    CompiledPolicy policy = bundle.applyTo(Rego.builder()).compile();

    assertThat(
            policy.evaluate("data.kafka.authz.allow", Json.parse("{\"principal\":\"User:alice\"}")))
        .contains(BooleanValue.TRUE);
    assertThat(
            policy.evaluate("data.kafka.authz.allow", Json.parse("{\"principal\":\"User:eve\"}")))
        .isEmpty();
    assertThat(policy.rules())
        .anySatisfy(r -> assertThat(r.location().file()).isEqualTo("kafka/authz/policy.rego"));
  }

  @Test
  void aPrefixKeepsModulesOfTwoBundlesApart() {
    byte[] one = new TarGzBuilder().file("policy.rego", "package one\n\nx := 1\n").build();
    byte[] two = new TarGzBuilder().file("policy.rego", "package two\n\nx := 2\n").build();
    BundleReader reader = BundleReader.create();
    Rego.Builder builder = Rego.builder();
    reader.readTarGz(new ByteArrayInputStream(one), "one.tgz").applyTo(builder, "one.tgz");
    reader.readTarGz(new ByteArrayInputStream(two), "two.tgz").applyTo(builder, "two.tgz");
    CompiledPolicy policy = builder.compile();
    assertThat(policy.evaluate("data.one.x", null)).contains(Json.parse("1"));
    assertThat(policy.evaluate("data.two.x", null)).contains(Json.parse("2"));
    assertThat(policy.rules())
        .extracting(r -> r.location().file())
        .contains("one.tgz/policy.rego", "two.tgz/policy.rego");
  }
}
