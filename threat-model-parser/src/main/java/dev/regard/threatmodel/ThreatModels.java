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
   * Follows AGENTS.md -&gt; SECURITY.md -&gt; the model's pages from a repository root and parses
   * what it finds. File names in the model are relative to the root.
   *
   * @throws ThreatModelException on a broken chain or bad input
   */
  public static LoadedModel fromRepository(Path root) {
    Objects.requireNonNull(root, "root");
    Discovery.Chain chain = Discovery.discover(root);
    Path base = root.toAbsolutePath().normalize();
    List<MarkdownDocument> pages = new ArrayList<>();
    for (Path page : chain.modelPages()) {
      pages.add(MarkdownFile.read(page, relative(base, page)));
    }
    MarkdownDocument security =
        MarkdownFile.read(chain.security(), relative(base, chain.security()));
    Path name = base.getFileName();
    String fallback =
        agentsTitle(MarkdownFile.read(chain.agents(), "AGENTS.md"))
            .orElse(name == null ? "repository" : name.toString());
    return load(pages, security, fallback, chain.steps());
  }

  /** "Agent Guide for Apache Kafka" gives "Apache Kafka": the project as AGENTS.md names it. */
  private static java.util.Optional<String> agentsTitle(MarkdownDocument agents) {
    return agents.sections().stream()
        .filter(s -> s.level() == 1)
        .map(
            s ->
                s.heading()
                    .replaceAll("(?i)\\b(?:agents?|guide|for|instructions|the)\\b|AGENTS\\.md", " ")
                    .replaceAll("[\\s:—–-]+", " ")
                    .strip())
        .filter(s -> !s.isEmpty())
        .findFirst();
  }

  /**
   * Parses one explicit model file. File names in the model are the paths as given.
   *
   * @param threatModel the threat model to read
   * @param security the SECURITY.md to read, or {@code null}
   * @throws ThreatModelException on bad input
   */
  public static LoadedModel fromFiles(Path threatModel, Path security) {
    return fromFiles(List.of(Objects.requireNonNull(threatModel, "threatModel")), security);
  }

  /**
   * Parses explicit model pages, read as one model in the order given. File names in the model are
   * the paths as given.
   *
   * @param threatModel the pages of the threat model, at least one
   * @param security the SECURITY.md to read, or {@code null}
   * @throws ThreatModelException on bad input
   */
  public static LoadedModel fromFiles(List<Path> threatModel, Path security) {
    if (threatModel.isEmpty()) {
      throw new IllegalArgumentException("no threat model file given");
    }
    List<ChainStep> steps = new ArrayList<>();
    List<MarkdownDocument> pages = new ArrayList<>();
    for (Path page : threatModel) {
      pages.add(MarkdownFile.read(page, page.toString()));
      steps.add(new ChainStep("", 0, page.toString(), "threat model given"));
    }
    MarkdownDocument policy = null;
    if (security != null) {
      policy = MarkdownFile.read(security, security.toString());
      steps.add(new ChainStep("", 0, security.toString(), "security policy given"));
    }
    Path parent = threatModel.get(0).toAbsolutePath().normalize().getParent();
    String fallback =
        parent == null || parent.getFileName() == null
            ? "project"
            : parent.getFileName().toString();
    return load(pages, policy, fallback, steps);
  }

  private static LoadedModel load(
      List<MarkdownDocument> pages,
      MarkdownDocument security,
      String fallback,
      List<ChainStep> steps) {
    ThreatModel model = ModelReader.read(pages, security, fallback, steps);
    List<String> discovery = new ArrayList<>(steps.stream().map(ChainStep::describe).toList());
    if (security == null) {
      discovery.add("no security policy given");
    }
    return new LoadedModel(model, model.rules(), discovery);
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }
}
