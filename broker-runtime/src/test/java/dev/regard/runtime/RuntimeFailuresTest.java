package dev.regard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Start-up problems end with a message naming the cause and the fix, before Kafka starts. */
class RuntimeFailuresTest {
  @TempDir Path tmp;

  private BrokerSettings settings(Path run, int port, int controllerPort) {
    return new BrokerSettings(
        new RunLayout(run),
        "localhost",
        port,
        controllerPort,
        BundleSource.directory(tmp.resolve("bundle").toString()),
        1000,
        Map.of());
  }

  @Test
  void aPortInUseIsNamedWithTheFlagThatChangesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
      int port = taken.getLocalPort();
      BrokerRuntime runtime = new BrokerRuntime(settings(tmp.resolve("run"), port, freePort()));
      assertThatThrownBy(runtime::start)
          .isInstanceOf(RuntimeFailure.class)
          .hasMessageContaining("client port localhost:" + port)
          .hasMessageContaining("--port");
      assertThat(tmp.resolve("run").resolve("data")).doesNotExist();
    }
  }

  @Test
  void aMissingBundleStopsTheStartBeforeAnythingIsCreated() throws Exception {
    Path run = tmp.resolve("run");
    BrokerRuntime runtime = new BrokerRuntime(settings(run, freePort(), freePort()));
    assertThatThrownBy(runtime::start)
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("policy bundle from dir " + tmp.resolve("bundle"))
        .hasMessageContaining("Kafka was not started");
    assertThat(run.resolve("data")).doesNotExist();
    assertThat(run.resolve("tls")).doesNotExist();
  }

  @Test
  void aTokenInTheBundleUrlReachesNeitherTheBannerNorTheError() throws Exception {
    BundleSource source =
        new BundleSource("http", "http://bob:pw@127.0.0.1:1/b.tar.gz?token=s3cret", null, null);
    assertThat(source.describe()).doesNotContain("s3cret", "bob:pw").contains("127.0.0.1:1");
    BrokerRuntime runtime =
        new BrokerRuntime(
            new BrokerSettings(
                new RunLayout(tmp.resolve("run")),
                "localhost",
                freePort(),
                freePort(),
                source,
                1000,
                Map.of()));
    assertThatThrownBy(runtime::start)
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("policy bundle from http http://***@127.0.0.1:1/b.tar.gz?***")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("bob:pw");
  }

  @Test
  void aBundleThatDoesNotCompileIsNamedWithFileAndLineAndExitsWithTwo() throws Exception {
    Path bundle = DefaultBundle.extract(tmp.resolve("bundle"));
    Files.writeString(
        bundle.resolve("kafka/authz/broken.rego"),
        "package kafka.authz\n\nallow if {\n  input.operation ==\n}\n");
    Path run = tmp.resolve("run");
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          BrokerRuntimeCommand.run(
              "--run-dir", run.toString(),
              "--port", Integer.toString(freePort()),
              "--controller-port", Integer.toString(freePort()),
              "--bundle-dir", bundle.toString());
    } finally {
      System.setErr(originalErr);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("cannot be loaded")
        .contains("broken.rego:5")
        .contains("Kafka was not started");
    assertThat(run.resolve("data")).doesNotExist();
  }

  @Test
  void aBundleThatRefusesTheControllerConnectionStopsTheStart() throws Exception {
    // The stock default bundle knows nothing of the runtime's CONTROLLER listener.
    DefaultBundle.extract(tmp.resolve("bundle"));
    Path run = tmp.resolve("run");
    BrokerRuntime runtime = new BrokerRuntime(settings(run, freePort(), freePort()));
    assertThat(runtime.managesBundle()).isFalse();
    assertThatThrownBy(runtime::start)
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("refuses the node's own connection to its controller listener")
        .hasMessageContaining("CN=localhost")
        .hasMessageContaining("kafka/authn/listeners/CONTROLLER/data.json")
        .hasMessageContaining("Kafka was not started");
    assertThat(run.resolve("data")).doesNotExist();
  }

  @Test
  void theRuntimesOwnBundleAdmitsTheControllerConnection() throws Exception {
    Path run = tmp.resolve("run");
    RunLayout layout = new RunLayout(run);
    DefaultBundle.extract(layout.defaultBundleDir());
    BrokerSettings settings =
        new BrokerSettings(
            layout,
            "localhost",
            freePort(),
            freePort(),
            BundleSource.directory(layout.defaultBundleDir().toString()),
            1000,
            Map.of());
    assertThat(new BrokerRuntime(settings).managesBundle()).isTrue();
    Secrets secrets = new Secrets(layout.secretsDir().resolve("secrets.properties"));
    RuntimeBundleData.write(layout.defaultBundleDir(), new DemoIdentities(secrets));
    assertThat(
            BundlePreflight.check(
                BrokerProperties.policySettings(settings),
                DevCertificateAuthority.subject(settings.host())))
        .isPresent();
  }

  @Test
  void anUnwritableRunFolderIsRefusedUpFront() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
    assertThatThrownBy(() -> new BrokerRuntime(settings(file.resolve("run"), 1, 2)))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("not writable")
        .hasMessageContaining("--run-dir");
  }

  @Test
  void aCorruptKeystoreNamesTheFileAndTheFix() throws Exception {
    Path run = tmp.resolve("run");
    Secrets secrets = new Secrets(new RunLayout(run).secretsDir().resolve("secrets.properties"));
    DevCertificateAuthority ca = new DevCertificateAuthority(new RunLayout(run).tlsDir(), secrets);
    ca.ensure("localhost");
    Files.write(ca.brokerKeystore(), new byte[] {1, 2, 3, 4});
    assertThatThrownBy(() -> ca.ensure("localhost"))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining(ca.brokerKeystore().toString())
        .hasMessageContaining("delete the folder");
  }

  @Test
  void certificatesAndSecretsAreGeneratedOnceAndKept() throws Exception {
    Path run = tmp.resolve("run");
    RunLayout layout = new RunLayout(run);
    Secrets first = new Secrets(layout.secretsDir().resolve("secrets.properties"));
    new DevCertificateAuthority(layout.tlsDir(), first).ensure("localhost");
    byte[] keystore = Files.readAllBytes(layout.tlsDir().resolve("broker.p12"));
    String password = new DemoIdentities(first).password(DemoIdentities.USERS.get(0));

    Secrets again = new Secrets(layout.secretsDir().resolve("secrets.properties"));
    new DevCertificateAuthority(layout.tlsDir(), again).ensure("localhost");
    assertThat(Files.readAllBytes(layout.tlsDir().resolve("broker.p12"))).isEqualTo(keystore);
    assertThat(new DemoIdentities(again).password(DemoIdentities.USERS.get(0))).isEqualTo(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())))
        .isEqualTo("rw-------");
  }

  @Test
  void aMissingConfigurationFileIsAUsageErrorWithExitCodeTwo() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = BrokerRuntimeCommand.run("--config", tmp.resolve("nope.properties").toString());
      assertThat(code).isEqualTo(2);
    } finally {
      System.setErr(originalErr);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("nope.properties")
        .contains("Fix: check the path given to --config");
  }

  @Test
  void helpDocumentsEveryFlag() {
    PrintStream originalOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(BrokerRuntimeCommand.run("--help")).isZero();
    } finally {
      System.setOut(originalOut);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--config", "--run-dir", "--host", "--port", "--controller-port", "--bundle-dir")
        .contains("--bundle-file", "--bundle-url", "--bundle-git", "--bundle-git-ref", "--set")
        .contains("--connection-rate-per-ip");
  }

  @Test
  void theConnectionRatePerAddressComesFromTheFlagOrTheFileAndIsNeverNegative() throws Exception {
    String file =
        Files.writeString(tmp.resolve("broker.properties"), "connection.rate.per.ip=12\n")
            .toString();
    assertThat(resolve().connectionRatePerIp())
        .isEqualTo(BrokerSettings.DEFAULT_CONNECTION_RATE_PER_IP);
    assertThat(resolve("--config", file).connectionRatePerIp()).isEqualTo(12);
    assertThat(resolve("--config", file).overrides()).doesNotContainKey("connection.rate.per.ip");
    assertThat(resolve("--config", file, "--connection-rate-per-ip", "0").connectionRatePerIp())
        .isZero();
    assertThatThrownBy(() -> resolve("--connection-rate-per-ip", "-1"))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("0 for no limit");
  }

  private BrokerSettings resolve(String... args) {
    BrokerRuntimeCommand command = new BrokerRuntimeCommand();
    List<String> all = new ArrayList<>(List.of("--run-dir", tmp.resolve("run").toString()));
    all.addAll(List.of(args));
    new CommandLine(command).parseArgs(all.toArray(String[]::new));
    return command.resolve();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
