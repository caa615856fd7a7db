package dev.regard.runtime;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo identities the runtime creates, their generated passwords, and a client properties file
 * for each that Kafka's command-line tools and Java clients can use as-is.
 */
public final class DemoIdentities {
  /** The broker's own identity on the client listener (inter-broker traffic); a super user. */
  public static final DemoIdentity BROKER = new DemoIdentity("broker", "the broker itself");

  /** The users of the default policy bundle. */
  public static final List<DemoIdentity> USERS =
      List.of(
          new DemoIdentity("alice", "produces to topics orders.*"),
          new DemoIdentity("bob", "consumes topics orders.* with consumer groups orders-*"),
          new DemoIdentity("admin", "administers the cluster and manages its topics"));

  public static final String MECHANISM = "SCRAM-SHA-512";

  private final Secrets secrets;

  public DemoIdentities(Secrets secrets) {
    this.secrets = secrets;
  }

  public String password(DemoIdentity identity) {
    return secrets.getOrCreate("user." + identity.name() + ".password");
  }

  /** Every identity the broker must know, the broker's own first. */
  public List<DemoIdentity> all() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(BROKER), USERS.stream())
        .toList();
  }

  /** JAAS configuration for {@code identity}, with its password. */
  public String jaasConfig(DemoIdentity identity) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + identity.name()
        + "\" password=\""
        + password(identity)
        + "\";";
  }

  /** Client settings for {@code identity}: the bootstrap server, TLS trust and its SASL login. */
  public Map<String, String> clientSettings(
      DemoIdentity identity, String bootstrap, DevCertificateAuthority tls) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("bootstrap.servers", bootstrap);
    s.put("security.protocol", "SASL_SSL");
    s.put("sasl.mechanism", MECHANISM);
    s.put("sasl.jaas.config", jaasConfig(identity));
    s.put("ssl.truststore.type", "PKCS12");
    s.put("ssl.truststore.location", tls.truststore().toString());
    s.put("ssl.truststore.password", tls.truststorePassword());
    return s;
  }

  /** Writes {@code clients/<user>.properties} for every demo user; returns the files. */
  public List<Path> writeClientConfigs(Path dir, String bootstrap, DevCertificateAuthority tls) {
    try {
      Files.createDirectories(dir);
      return USERS.stream().map(u -> writeClientConfig(dir, u, bootstrap, tls)).toList();
    } catch (IOException e) {
      throw new RuntimeFailure("cannot write client configurations to " + dir + ": " + e, e);
    }
  }

  private Path writeClientConfig(
      Path dir, DemoIdentity user, String bootstrap, DevCertificateAuthority tls) {
    Path file = dir.resolve(user.name() + ".properties");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      Secrets.restrictToOwner(file);
      w.write("# Client configuration for '" + user.name() + "', who " + user.role() + ".\n");
      w.write("# Use with Kafka's tools (--command-config / --producer.config) or Java clients.\n");
      for (var setting : clientSettings(user, bootstrap, tls).entrySet()) {
        w.write(setting.getKey() + "=" + setting.getValue() + "\n");
      }
      return file;
    } catch (IOException e) {
      throw new RuntimeFailure("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
