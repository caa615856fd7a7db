package dev.regard.runtime.acls;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regard-acls}: moves Kafka ACLs to policy. {@code import} writes a bundle of the {@code
 * acls} policy with the ACLs as data; {@code verify} compares Kafka's StandardAuthorizer with that
 * bundle over every decision the ACLs imply.
 */
@Command(
    name = "regard-acls",
    mixinStandardHelpOptions = true,
    version = "Regard ACL migration 0.1.0",
    subcommands = {AclsCommand.Import.class, AclsCommand.Verify.class},
    description = "Imports Kafka ACLs as a policy bundle and verifies it decides as Kafka does.")
public final class AclsCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code; for tests and {@link #main}. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new AclsCommand());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("regard-acls: " + e.getMessage());
          return 2;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the ACLs come from: a cluster, or the output of kafka-acls --list. */
  static final class Source {
    @ArgGroup(exclusive = false)
    Cluster cluster;

    @Option(
        names = "--from-file",
        paramLabel = "FILE",
        description = "The output of kafka-acls --list.")
    Path file;
  }

  static final class Cluster {
    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT")
    String bootstrap;

    @Option(
        names = "--command-config",
        paramLabel = "FILE",
        description = "Client settings of a super user (as for kafka-acls).")
    Path commandConfig;
  }

  /** The authorizer settings that shape decisions beside the ACLs. */
  static final class Settings {
    @Option(
        names = "--super-users",
        split = ";",
        paramLabel = "PRINCIPALS",
        description = "The brokers' super.users, separated by ';'.")
    List<String> superUsers = new ArrayList<>();

    @Option(
        names = "--allow-everyone-if-no-acl-found",
        description = "As the brokers' allow.everyone.if.no.acl.found=true.")
    boolean allowEveryone;
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Reads every ACL and writes a bundle directory of the acls policy with them.")
  static final class Import implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @CommandLine.Mixin Settings settings = new Settings();

    @Option(names = "--output", required = true, paramLabel = "DIR")
    Path output;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Collection<AclBinding> acls = read(source);
      AclData.writeBundle(output, acls, settings.superUsers, settings.allowEveryone);
      spec.commandLine()
          .getOut()
          .printf("Imported %d ACLs into the bundle %s%n", acls.size(), output);
      return 0;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Compares Kafka's StandardAuthorizer loaded with the ACLs and the bundle over the decision"
            + " matrix the ACLs imply. Prints every difference; exits 0 when there is none, 1"
            + " otherwise."
      })
  static final class Verify implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @CommandLine.Mixin Settings settings = new Settings();

    @Option(names = "--bundle", required = true, paramLabel = "DIR")
    Path bundle;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Collection<AclBinding> acls = read(source);
      Verifier.Report report =
          Verifier.verify(acls, bundle, settings.superUsers, settings.allowEveryone);
      PrintWriter out = spec.commandLine().getOut();
      for (Verifier.Difference d : report.differences()) {
        out.println("DIFFERENT " + d);
      }
      out.printf(
          "%d ACLs, %d decisions compared, %d differences%n",
          acls.size(), report.questions(), report.differences().size());
      out.flush();
      return report.differences().isEmpty() ? 0 : 1;
    }
  }

  static Collection<AclBinding> read(Source source) throws IOException, Exception {
    if (source.file != null) {
      return AclListing.parse(
          Files.readString(source.file, StandardCharsets.UTF_8), source.file.toString());
    }
    Properties props = new Properties();
    if (source.cluster.commandConfig != null) {
      try (InputStream in = Files.newInputStream(source.cluster.commandConfig)) {
        props.load(in);
      }
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, source.cluster.bootstrap);
    try (Admin admin = Admin.create(props)) {
      return admin.describeAcls(AclBindingFilter.ANY).values().get(60, TimeUnit.SECONDS);
    }
  }
}
