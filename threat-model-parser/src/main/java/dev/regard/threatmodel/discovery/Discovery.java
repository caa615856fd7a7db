package dev.regard.threatmodel.discovery;

import com.google.re2j.Pattern;
import dev.regard.threatmodel.ThreatModelException;
import dev.regard.threatmodel.markdown.MarkdownDocument;
import dev.regard.threatmodel.markdown.MarkdownFile;
import dev.regard.threatmodel.markdown.MdLink;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Follows AGENTS.md -&gt; SECURITY.md -&gt; THREAT_MODEL.md from a repository root, the way a
 * scanning agent would: Markdown links first, then a plain mention of the file name, then the
 * conventional locations. A file that cannot be found at all breaks the chain and is an error; a
 * file found only at a conventional location, without its predecessor referring to it, is recorded
 * as an {@link #UNREFERENCED} step for the linter.
 */
public final class Discovery {

  /** Marks a step where a file was found without its predecessor referring to it. */
  public static final String UNREFERENCED = "not referenced by";

  private static final String AGENTS = "AGENTS.md";
  private static final String SECURITY = "SECURITY.md";
  private static final String THREAT_MODEL = "THREAT_MODEL.md";

  private static final List<String> SECURITY_LOCATIONS =
      List.of(SECURITY, ".github/SECURITY.md", "docs/SECURITY.md", "docs/security/SECURITY.md");
  private static final List<String> THREAT_MODEL_LOCATIONS =
      List.of(
          THREAT_MODEL,
          "docs/security/THREAT_MODEL.md",
          "docs/security/threat-model.md",
          "docs/security/threat_model.md",
          "docs/THREAT_MODEL.md",
          "docs/threat-model.md");
  private static final Pattern THREAT_MODEL_NAME =
      Pattern.compile("(?i)threat[-_ ]?model(?:\\.md)?");

  private final Path root;
  private final Path realRoot;
  private final List<String> steps = new ArrayList<>();

  private Discovery(Path root) {
    this.root = root;
    this.realRoot = realPath(root, root.toString(), 0);
  }

  /**
   * The documents of a repository.
   *
   * @param agents the AGENTS.md that starts the chain
   * @param security the SECURITY.md it leads to
   * @param threatModel the THREAT_MODEL.md that leads to
   * @param steps the human-readable steps taken
   */
  public record Chain(Path agents, Path security, Path threatModel, List<String> steps) {
    public Chain {
      steps = List.copyOf(steps);
    }
  }

  /**
   * Discovers the chain from {@code root}.
   *
   * @throws ThreatModelException naming the missing link when the chain is broken
   */
  public static Chain discover(Path root) {
    Path normalised = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(normalised)) {
      throw new ThreatModelException(root.toString(), 0, "repository root is not a directory");
    }
    return new Discovery(normalised).run();
  }

  /** The path of {@code file} relative to the root, with {@code /} separators. */
  private String display(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private Chain run() {
    Path agents = root.resolve(AGENTS);
    if (!Files.isRegularFile(agents)) {
      throw new ThreatModelException(
          AGENTS,
          0,
          "broken discovery chain: missing link AGENTS.md (not found at the repository root; the"
              + " chain is AGENTS.md -> SECURITY.md -> THREAT_MODEL.md)");
    }
    confine(agents, AGENTS, 0);
    steps.add("repository root -> AGENTS.md");
    MarkdownDocument agentsDoc = MarkdownFile.read(agents, AGENTS);
    Path security =
        next(agentsDoc, agents, SECURITY, SECURITY_LOCATIONS, Discovery::isSecurityName)
            .orElseThrow(() -> missing(AGENTS, SECURITY));
    String securityName = display(security);
    MarkdownDocument securityDoc = MarkdownFile.read(security, securityName);
    Optional<Path> threatModel =
        next(securityDoc, security, THREAT_MODEL, List.of(), Discovery::isThreatModelName);
    if (threatModel.isEmpty()) {
      // The agents file may point at the threat model directly; still a readable chain.
      threatModel =
          next(
              agentsDoc,
              agents,
              THREAT_MODEL,
              THREAT_MODEL_LOCATIONS,
              Discovery::isThreatModelName);
    }
    return new Chain(
        agents,
        security,
        threatModel.orElseThrow(() -> missing(securityName, THREAT_MODEL)),
        steps);
  }

  private Optional<Path> next(
      MarkdownDocument from,
      Path fromPath,
      String wanted,
      List<String> conventional,
      Predicate<String> isWanted) {
    for (MdLink link : from.links()) {
      Optional<String> local = localPath(link.destination());
      if (local.isEmpty() || !isWanted.test(fileName(local.get()))) {
        continue;
      }
      Path target = fromPath.getParent().resolve(local.get()).normalize();
      if (!target.startsWith(root)) {
        throw new ThreatModelException(
            from.file(),
            link.line(),
            "link to " + wanted + " leaves the repository: " + local.get());
      }
      if (!Files.isRegularFile(target)) {
        throw new ThreatModelException(
            from.file(),
            link.line(),
            "broken discovery chain: link '"
                + link.destination()
                + "' to "
                + wanted
                + " names no file");
      }
      confine(target, from.file(), link.line());
      steps.add(
          from.file()
              + " -> "
              + display(target)
              + " (link '"
              + link.label()
              + "', line "
              + link.line()
              + ")");
      return Optional.of(target);
    }
    if (mentions(from.text(), wanted)) {
      for (String location : locations(wanted, conventional)) {
        Path target = root.resolve(location);
        if (Files.isRegularFile(target)) {
          steps.add(from.file() + " -> " + display(target) + " (mentions '" + wanted + "')");
          return Optional.of(confine(target, from.file(), 0));
        }
      }
    }
    for (String location : conventional) {
      Path target = root.resolve(location);
      if (Files.isRegularFile(target)) {
        steps.add(
            display(target)
                + " found at its conventional location, "
                + UNREFERENCED
                + " "
                + from.file());
        return Optional.of(confine(target, from.file(), 0));
      }
    }
    return Optional.empty();
  }

  /**
   * The repository's content is untrusted: a document that is a symbolic link to a file outside the
   * root (or lies under such a link) is refused rather than read.
   */
  private Path confine(Path file, String referrer, int line) {
    if (!realPath(file, referrer, line).startsWith(realRoot)) {
      throw new ThreatModelException(
          referrer,
          line,
          display(file) + " resolves outside the repository (symbolic link); refusing to read it");
    }
    return file;
  }

  private static Path realPath(Path file, String referrer, int line) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      throw new ThreatModelException(referrer, line, "cannot resolve " + file + ": " + e, e);
    }
  }

  private static List<String> locations(String wanted, List<String> conventional) {
    if (!conventional.isEmpty()) {
      return conventional;
    }
    return wanted.equals(SECURITY) ? SECURITY_LOCATIONS : THREAT_MODEL_LOCATIONS;
  }

  private static boolean mentions(String text, String wanted) {
    return Pattern.compile("(?:^|[^\\w/-])" + Pattern.quote(wanted) + "(?:$|[^\\w-])")
            .matcher(text)
            .find()
        || (wanted.equals(THREAT_MODEL) && THREAT_MODEL_NAME.matcher(text).find());
  }

  private static boolean isSecurityName(String name) {
    return name.equalsIgnoreCase(SECURITY);
  }

  private static boolean isThreatModelName(String name) {
    return THREAT_MODEL_NAME.matcher(name).matches()
        && name.toLowerCase(Locale.ROOT).endsWith(".md");
  }

  /** The repository-relative path of a link, or empty for URLs and anchors. */
  private static Optional<String> localPath(String destination) {
    if (destination == null || destination.isBlank() || destination.startsWith("#")) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(destination.strip());
      if (uri.getScheme() != null || uri.getPath() == null || uri.getPath().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(uri.getPath());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static ThreatModelException missing(String from, String wanted) {
    return new ThreatModelException(
        from,
        0,
        "broken discovery chain: missing link "
            + wanted
            + " (no link to it, no mention of it"
            + " and no file at its conventional locations)");
  }
}
