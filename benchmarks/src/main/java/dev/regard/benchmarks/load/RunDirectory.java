package dev.regard.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The broker runtime's run folder as the load tools read it: the client settings it writes for each
 * demo identity, the broker's own identity (a super user) and the runtime's copy of the bundle.
 */
final class RunDirectory {
  private final Path root;

  RunDirectory(Path root) {
    this.root = root;
  }

  /** The runtime's client settings for {@code user}: bootstrap, TLS trust and SASL login. */
  Properties client(String user) {
    return load(root.resolve("clients/" + user + ".properties"), "client configuration of " + user);
  }

  /** The broker's own identity, a super user, from the runtime's generated secrets. */
  Properties superUser() {
    Properties secrets = load(root.resolve("secrets/secrets.properties"), "runtime secrets");
    Properties p = client("admin");
    p.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\""
            + " password=\""
            + secrets.getProperty("user.broker.password")
            + "\";");
    return p;
  }

  /** A socket factory trusting the runtime's CA, from a client's settings, for TLS listeners. */
  SSLSocketFactory trust() throws Exception {
    Properties client = client("alice");
    KeyStore store = KeyStore.getInstance(client.getProperty("ssl.truststore.type", "PKCS12"));
    try (InputStream in =
        Files.newInputStream(Path.of(client.getProperty("ssl.truststore.location")))) {
      store.load(in, client.getProperty("ssl.truststore.password").toCharArray());
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  /** The bundle directory the runtime's broker polls. */
  Path bundle() {
    return root.resolve("bundle");
  }

  private static Properties load(Path file, String what) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the " + what + " from " + file, e);
    }
    return p;
  }
}
