package dev.regard.runtime;

import dev.regard.kafka.bundle.Redact;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * One secured KRaft node, broker and controller in this JVM: prepares the run folder (TLS, secrets,
 * the credentials in the runtime's bundle, storage, client configurations), starts Kafka, sets the
 * connection rate per client address, and stops it cleanly.
 */
public final class BrokerRuntime implements AutoCloseable {
  private final BrokerSettings settings;
  private final Secrets secrets;
  private final DevCertificateAuthority tls;
  private final DemoIdentities identities;
  private KafkaRaftServer server;
  private List<Path> clientConfigs = List.of();
  private Optional<String> bundleRevision = Optional.empty();

  public BrokerRuntime(BrokerSettings settings) {
    this.settings = settings;
    RunLayout layout = settings.layout();
    requireWritable(layout.root());
    this.secrets = new Secrets(layout.secretsDir().resolve("secrets.properties"));
    this.tls = new DevCertificateAuthority(layout.tlsDir(), secrets);
    this.identities = new DemoIdentities(secrets);
  }

  /** Prepares everything and starts Kafka; returns once the node serves requests. */
  public void start() {
    RunLayout layout = settings.layout();
    PortCheck.requireFree(settings.host(), settings.port(), "client", "--port");
    PortCheck.requireFree(
        "127.0.0.1", settings.controllerPort(), "controller", "--controller-port");
    if (managesBundle()) {
      RuntimeBundleData.write(layout.defaultBundleDir(), identities);
    }
    bundleRevision =
        BundlePreflight.check(
            BrokerProperties.policySettings(settings),
            DevCertificateAuthority.subject(settings.host()));
    tls.ensure(settings.host());
    StorageInitializer.formatIfNeeded(layout.dataDir());
    Map<String, String> config = BrokerProperties.build(settings, tls, identities);
    writeServerProperties(layout.serverProperties(), config);
    clientConfigs = identities.writeClientConfigs(layout.clientsDir(), settings.bootstrap(), tls);

    Properties props = new Properties();
    props.putAll(config);
    KafkaConfig kafkaConfig;
    try {
      kafkaConfig = KafkaConfig.fromProps(props, false);
    } catch (RuntimeException e) {
      throw new RuntimeFailure(
          "the broker configuration is invalid: "
              + Redact.text(e.getMessage())
              + ". Fix: correct the "
              + "setting in your configuration file or --set option.",
          e);
    }
    server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      close();
      throw new RuntimeFailure("the broker failed to start: " + rootMessage(e), e);
    }
    try {
      ConnectionRateQuota.apply(
          identities.clientSettings(DemoIdentities.BROKER, settings.bootstrap(), tls),
          settings.connectionRatePerIp());
    } catch (RuntimeFailure e) {
      close();
      throw e;
    }
  }

  /**
   * True when the broker loads the runtime's own copy of the default bundle, into which it writes
   * the demo identities' credentials. Any other bundle must carry its own.
   */
  public boolean managesBundle() {
    BundleSource bundle = settings.bundle();
    return bundle.kind().equals("dir")
        && Path.of(bundle.location())
            .toAbsolutePath()
            .normalize()
            .equals(settings.layout().defaultBundleDir());
  }

  /** The revision of the policy bundle checked before the start; empty when none was checked. */
  public Optional<String> bundleRevision() {
    return bundleRevision;
  }

  public BrokerSettings settings() {
    return settings;
  }

  public List<Path> clientConfigs() {
    return clientConfigs;
  }

  public Path secretsFile() {
    return secrets.file();
  }

  public Path caPem() {
    return tls.caPem();
  }

  /** Blocks until the node has shut down. */
  public void awaitShutdown() {
    if (server != null) {
      server.awaitShutdown();
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  private static void writeServerProperties(Path file, Map<String, String> config) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      Secrets.restrictToOwner(file);
      w.write("# The configuration of the last start. Contains passwords: keep private.\n");
      for (var e : config.entrySet()) {
        w.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
      }
    } catch (IOException e) {
      throw new RuntimeFailure("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void requireWritable(Path root) {
    try {
      Files.createDirectories(root);
      Path probe = Files.createTempFile(root, ".write-check", "");
      Files.delete(probe);
    } catch (IOException e) {
      throw new RuntimeFailure(
          "the run folder "
              + root
              + " is not writable ("
              + e
              + "). Fix: choose a writable "
              + "folder with --run-dir, or fix its permissions.",
          e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
