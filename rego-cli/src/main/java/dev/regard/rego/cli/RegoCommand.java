package dev.regard.rego.cli;

import picocli.CommandLine.Command;

/**
 * The {@code rego} command: evaluate queries, run Rego tests, type-check policies, measure OPA
 * conformance.
 */
@Command(
    name = "rego",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Evaluates Rego policies with Regard's JVM-native engine.",
    subcommands = {
      EvalCommand.class,
      TestCommand.class,
      CheckCommand.class,
      ConformanceCommand.class
    })
final class RegoCommand {}
