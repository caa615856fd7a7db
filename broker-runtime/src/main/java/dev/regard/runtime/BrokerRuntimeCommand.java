package dev.regard.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regard-broker}: starts a secured single-node Kafka with the Regard plugins. */
@Command(
    name = "regard-broker",
    mixinStandardHelpOptions = true,
    version = "Regard broker runtime 0.1.0",
    sortOptions = false,
    description = {
      "Starts a KRaft broker and controller in one JVM: a SASL_SSL client listener with "
          + "development TLS, a mutual-TLS controller listener on loopback, and authorization by "
          + "the Regard policy bundle. State (data, certificates, secrets, client configurations) "
          + "lives in the run folder and survives restarts.",
      "",
      "Settings come from --config FILE, then from the options below, which win. Keys in the "
          + "file: run.dir, host, port, controller.port, bundle.dir, bundle.file, bundle.url, "
          + "bundle.git, bundle.git.ref, bundle.git.path, bundle.poll.interval.ms, oauth.jwks.url, "
          + "oauth.issuer, oauth.audience, connection.rate.per.ip; any other key "
          + "is passed to Kafka and the plugins as a broker setting."
    })
public final class BrokerRuntimeCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings.")
  private Path configFile;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description = "Folder for data, certificates, secrets and client configs (default: run).")
  private Path runDir;

  @Option(names = "--host", description = "Address to bind and advertise (default: localhost).")
  private String host;

  @Option(names = "--port", description = "SASL_SSL client listener port (default: 9093).")
  private Integer port;

  @Option(
      names = "--controller-port",
      description = "Controller listener port on 127.0.0.1 (default: 9094).")
  private Integer controllerPort;

  @ArgGroup(exclusive = true, heading = "%nPolicy bundle source (default: the built-in bundle)%n")
  private BundleOptions bundleOptions;

  @Option(
      names = "--bundle-git-ref",
      paramLabel = "REF",
      description = "Branch or tag for --bundle-git (default: main).")
  private String gitRef;

  @Option(
      names = "--bundle-git-path",
      paramLabel = "PATH",
      description = "Folder of the bundle inside the git repository (default: the root).")
  private String gitPath;

  @Option(
      names = "--poll-interval-ms",
      paramLabel = "MS",
      description = "How often the bundle source is checked for a new revision (default: 10000).")
  private Long pollIntervalMs;

  @Option(
      names = "--oauth-jwks-url",
      paramLabel = "URL",
      description =
          "Enable OAUTHBEARER on the client listener: tokens verified with this JWKS endpoint's"
              + " keys (requires --oauth-issuer and --oauth-audience).")
  private String jwksUrl;

  @Option(names = "--oauth-issuer", paramLabel = "ISS", description = "The tokens' iss claim.")
  private String issuer;

  @Option(
      names = "--oauth-audience",
      paramLabel = "AUD",
      description = "An aud value the tokens must name.")
  private String audience;

  @Option(
      names = "--connection-rate-per-ip",
      paramLabel = "RATE",
      description =
          "New connections a second each client address may open, counted before the TLS"
              + " handshake (Kafka's connection_creation_rate quota for every ip); 0 removes the"
              + " limit (default: "
              + BrokerSettings.DEFAULT_CONNECTION_RATE_PER_IP
              + ").")
  private Integer connectionRatePerIp;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A broker or plugin setting; repeatable; wins over the file.")
  private Map<String, String> sets = new LinkedHashMap<>();

  /** Exactly one bundle source, when given. */
  static final class BundleOptions {
    @Option(names = "--bundle-dir", paramLabel = "DIR", description = "A bundle directory.")
    String dir;

    @Option(names = "--bundle-file", paramLabel = "FILE", description = "A .tar.gz bundle.")
    String file;

    @Option(names = "--bundle-url", paramLabel = "URL", description = "An OPA bundle server URL.")
    String url;

    @Option(names = "--bundle-git", paramLabel = "URL", description = "A git repository URL.")
    String git;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code; for tests and {@link #main}. */
  static int run(String... args) {
    CommandLine cli = new CommandLine(new BrokerRuntimeCommand());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof RuntimeFailure) {
            cmd.getErr().println("regard-broker: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    BrokerSettings settings = resolve();
    BrokerRuntime runtime = new BrokerRuntime(settings);
    Thread shutdown = new Thread(runtime::close, "regard-broker-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    runtime.start();
    Banner.print(System.out, runtime);
    runtime.awaitShutdown();
    return 0;
  }

  BrokerSettings resolve() {
    Map<String, String> file = readConfigFile();
    Path root = runDir != null ? runDir : Path.of(file.getOrDefault("run.dir", "run"));
    String h = host != null ? host : file.getOrDefault("host", "localhost");
    int p = port != null ? port : Integer.parseInt(file.getOrDefault("port", "9093"));
    int cp =
        controllerPort != null
            ? controllerPort
            : Integer.parseInt(file.getOrDefault("controller.port", "9094"));
    long poll =
        pollIntervalMs != null
            ? pollIntervalMs
            : Long.parseLong(file.getOrDefault("bundle.poll.interval.ms", "10000"));
    RunLayout layout = new RunLayout(root);
    BundleSource bundle = bundleSource(file, layout);
    Map<String, String> overrides = new LinkedHashMap<>();
    file.forEach(
        (k, v) -> {
          if (!RUNTIME_KEYS.contains(k)) {
            overrides.put(k, v);
          }
        });
    putIfGiven(overrides, "regard.authn.oauth.jwks.url", jwksUrl, file.get("oauth.jwks.url"));
    putIfGiven(overrides, "regard.authn.oauth.issuer", issuer, file.get("oauth.issuer"));
    putIfGiven(overrides, "regard.authn.oauth.audience", audience, file.get("oauth.audience"));
    overrides.putAll(sets);
    int rate =
        connectionRatePerIp != null
            ? connectionRatePerIp
            : Integer.parseInt(
                file.getOrDefault(
                    "connection.rate.per.ip",
                    Integer.toString(BrokerSettings.DEFAULT_CONNECTION_RATE_PER_IP)));
    return new BrokerSettings(layout, h, p, cp, bundle, poll, overrides, rate);
  }

  private static void putIfGiven(
      Map<String, String> overrides, String key, String option, String fromFile) {
    String value = option != null ? option : fromFile;
    if (value != null) {
      overrides.put(key, value);
    }
  }

  private static final java.util.Set<String> RUNTIME_KEYS =
      java.util.Set.of(
          "run.dir",
          "host",
          "port",
          "controller.port",
          "bundle.dir",
          "bundle.file",
          "bundle.url",
          "bundle.git",
          "bundle.git.ref",
          "bundle.git.path",
          "bundle.poll.interval.ms",
          "oauth.jwks.url",
          "oauth.issuer",
          "oauth.audience",
          "connection.rate.per.ip");

  private BundleSource bundleSource(Map<String, String> file, RunLayout layout) {
    String ref = gitRef != null ? gitRef : file.getOrDefault("bundle.git.ref", "main");
    String path = gitPath != null ? gitPath : file.get("bundle.git.path");
    if (bundleOptions != null) {
      if (bundleOptions.dir != null) {
        return BundleSource.directory(bundleOptions.dir);
      } else if (bundleOptions.file != null) {
        return new BundleSource("tarball", bundleOptions.file, null, null);
      } else if (bundleOptions.url != null) {
        return new BundleSource("http", bundleOptions.url, null, null);
      }
      return new BundleSource("git", bundleOptions.git, ref, path);
    }
    if (file.containsKey("bundle.dir")) {
      return BundleSource.directory(file.get("bundle.dir"));
    } else if (file.containsKey("bundle.file")) {
      return new BundleSource("tarball", file.get("bundle.file"), null, null);
    } else if (file.containsKey("bundle.url")) {
      return new BundleSource("http", file.get("bundle.url"), null, null);
    } else if (file.containsKey("bundle.git")) {
      return new BundleSource("git", file.get("bundle.git"), ref, path);
    }
    return BundleSource.directory(DefaultBundle.extract(layout.defaultBundleDir()).toString());
  }

  private Map<String, String> readConfigFile() {
    Map<String, String> out = new LinkedHashMap<>();
    if (configFile == null) {
      return out;
    }
    if (!Files.isReadable(configFile)) {
      throw new RuntimeFailure(
          "the configuration file "
              + configFile
              + " does not exist or is unreadable. Fix: "
              + "check the path given to --config.");
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(configFile)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new RuntimeFailure("cannot read " + configFile + ": " + e.getMessage(), e);
    }
    props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k).strip()));
    return out;
  }
}
