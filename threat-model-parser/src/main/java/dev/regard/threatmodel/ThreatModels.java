package dev.regard.threatmodel;

import dev.regard.threatmodel.discovery.Discovery;
import dev.regard.threatmodel.markdown.MarkdownDocument;
import dev.regard.threatmodel.markdown.MarkdownFile;
import dev.regard.threatmodel.reader.ModelReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Entry point: loads a threat model and its security policy into a {@link LoadedModel}. Either the
 * whole model loads or a {@link ThreatModelException} says why not; no partial model is returned.
 */
public final class ThreatModels {

  private ThreatModels() {}

  /**
   * Follows AGENTS.md -&gt; SECURITY.md -&gt; THREAT_MODEL.md from a repository root and parses
   * what it finds. File names in the model are relative to the root.
   *
   * @throws ThreatModelException on a broken chain or bad input
   */
  public static LoadedModel fromRepository(Path root) {
    Objects.requireNonNull(root, "root");
    Discovery.Chain chain = Discovery.discover(root);
    Path base = root.toAbsolutePath().normalize();
    MarkdownDocument threatModel =
        MarkdownFile.read(chain.threatModel(), relative(base, chain.threatModel()));
    MarkdownDocument security =
        MarkdownFile.read(chain.security(), relative(base, chain.security()));
    Path name = base.getFileName();
    return load(
        threatModel, security, name == null ? "repository" : name.toString(), chain.steps());
  }

  /**
   * Parses explicit files. File names in the model are the paths as given.
   *
   * @param threatModel the THREAT_MODEL.md to read
   * @param security the SECURITY.md to read, or {@code null}
   * @throws ThreatModelException on bad input
   */
  public static LoadedModel fromFiles(Path threatModel, Path security) {
    Objects.requireNonNull(threatModel, "threatModel");
    List<String> steps = new ArrayList<>();
    MarkdownDocument model = MarkdownFile.read(threatModel, threatModel.toString());
    steps.add("threat model given: " + threatModel);
    MarkdownDocument policy = null;
    if (security != null) {
      policy = MarkdownFile.read(security, security.toString());
      steps.add("security policy given: " + security);
    } else {
      steps.add("no security policy given");
    }
    Path parent = threatModel.toAbsolutePath().normalize().getParent();
    String fallback =
        parent == null || parent.getFileName() == null
            ? "project"
            : parent.getFileName().toString();
    return load(model, policy, fallback, steps);
  }

  private static LoadedModel load(
      MarkdownDocument threatModel,
      MarkdownDocument security,
      String fallback,
      List<String> steps) {
    ThreatModel model = ModelReader.read(threatModel, security, fallback);
    return new LoadedModel(model, model.rules(), steps);
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }
}
