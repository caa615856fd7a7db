package dev.regard.triage.cli;

import dev.regard.threatmodel.LoadedModel;
import dev.regard.threatmodel.ThreatModels;
import dev.regard.triage.classify.Classifier;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the threat model comes from: a repository to discover it in, or explicit files. */
final class ModelOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "Repository root: the model is found through AGENTS.md -> SECURITY.md ->"
              + " THREAT_MODEL.md (default: the current directory).")
  Path repo;

  @Option(
      names = "--threat-model",
      paramLabel = "FILE",
      split = ",",
      description =
          "The threat model's page(s), read as one model in the order given; repeat the option"
              + " or separate with commas.")
  List<Path> threatModel;

  @Option(
      names = "--security",
      paramLabel = "FILE",
      description = "The SECURITY.md (with --threat-model).")
  Path security;

  @Option(
      names = "--trust-inferred",
      description =
          "Let claims the model tags (inferred) suppress findings; by default they await a"
              + " maintainer's confirmation and their findings stay in scope.")
  boolean trustInferred;

  /** A classifier for the model, locating its components in the repository root. */
  Classifier classifier(LoadedModel loaded) {
    return Classifier.of(loaded, repositoryRoot(), trustInferred);
  }

  /** Loads the model the options name. */
  LoadedModel load() {
    if (repo != null && (threatModel != null || security != null)) {
      throw new ParameterException(
          spec.commandLine(), "--repo cannot be combined with --threat-model or --security");
    }
    if (security != null && threatModel == null) {
      throw new ParameterException(spec.commandLine(), "--security needs --threat-model");
    }
    if (threatModel != null) {
      return ThreatModels.fromFiles(threatModel, security);
    }
    return ThreatModels.fromRepository(repo == null ? Path.of(".") : repo);
  }

  /** The repository root findings are relative to: --repo, or the current directory. */
  Path repositoryRoot() {
    return repo == null ? Path.of(".") : repo;
  }
}
