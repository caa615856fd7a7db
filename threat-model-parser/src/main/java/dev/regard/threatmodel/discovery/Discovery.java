package dev.regard.threatmodel.discovery;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.ChainStep;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.ThreatModelException;
import dev.regard.threatmodel.markdown.Inline;
import dev.regard.threatmodel.markdown.MarkdownDocument;
import dev.regard.threatmodel.markdown.MarkdownFile;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.markdown.MdLink;
import dev.regard.threatmodel.markdown.MdSection;
import dev.regard.threatmodel.sections.HeadingSynonyms;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Follows AGENTS.md -&gt; SECURITY.md -&gt; the threat model from a repository root, the way a
 * scanning agent would: by the links the documents give, in the order they give them. Markdown
 * links (inline and reference) and backticked repository paths count; a link may be relative,
 * {@code ./} or {@code ../}, name a page with or without {@code .md} (site generators drop it), or
 * a folder of pages. A model may be several pages (a core page and per-component pages); pages
 * found link to one another and are read as one model. A page that AGENTS.md names wins over one
 * found elsewhere; conventional locations are tried only when no document links a model, and such a
 * step is marked {@link #UNREFERENCED} for the linter.
 */
public final class Discovery {

  /** Marks a step where a file was found without its predecessor referring to it. */
  public static final String UNREFERENCED = "not referenced by";

  private static final String AGENTS = "AGENTS.md";
  private static final String SECURITY = "SECURITY.md";

  private static final List<String> SECURITY_LOCATIONS =
      List.of(SECURITY, ".github/SECURITY.md", "docs/SECURITY.md", "docs/security/SECURITY.md");
  private static final List<String> THREAT_MODEL_LOCATIONS =
      List.of(
          "THREAT_MODEL.md",
          "docs/security/THREAT_MODEL.md",
          "docs/security/threat-model.md",
          "docs/security/threat_model.md",
          "docs/THREAT_MODEL.md",
          "docs/threat-model.md");

  /** A link's path or label that names a model: "threat model", "security-model", … */
  private static final Pattern MODEL_NAME =
      Pattern.compile("(?i)threat[-_ ]?model|security[-_ ]?model|threat[-_ ]?analysis");

  /** Kinds only a threat model has; a linked page with two of them is a model page. */
  private static final Set<SectionKind> MODEL_KINDS =
      EnumSet.of(
          SectionKind.SCOPE,
          SectionKind.OUT_OF_SCOPE,
          SectionKind.ADVERSARY,
          SectionKind.TRUST_BOUNDARIES,
          SectionKind.KNOWN_NON_FINDINGS,
          SectionKind.DISPOSITIONS,
          SectionKind.OPEN_QUESTIONS);

  private static final int MAX_PAGES = 64;

  /** A page named in plain text: "the model lives in docs/security/THREAT_MODEL.md". */
  private static final Pattern MENTIONED_PAGE =
      Pattern.compile("(?:^|[\\s(])((?:\\.{0,2}/)?[\\w.-]+(?:/[\\w.-]+)*\\.md)\\b");

  private final Path root;
  private final Path realRoot;
  private final List<ChainStep> steps = new ArrayList<>();
  private final List<Ref> pendingFolders = new ArrayList<>();

  private Discovery(Path root) {
    this.root = root;
    this.realRoot = realPath(root, root.toString(), 0);
  }

  /**
   * The documents of a repository.
   *
   * @param agents the AGENTS.md that starts the chain
   * @param security the SECURITY.md it leads to
   * @param modelPages the pages of the threat model, in the order the chain gives them
   * @param steps the steps taken
   */
  public record Chain(Path agents, Path security, List<Path> modelPages, List<ChainStep> steps) {
    public Chain {
      modelPages = List.copyOf(modelPages);
      steps = List.copyOf(steps);
    }
  }

  /** One thing a document points at: a link or a backticked path, and where it resolves. */
  private record Ref(
      String from, int line, String label, String destination, Path target, boolean mention) {

    /** True when the link's path leads out of the repository. */
    boolean escapes() {
      return target == null && destination.startsWith(OUTSIDE);
    }
  }

  private static final String OUTSIDE = "\u0000outside:";

  /**
   * Discovers the chain from {@code root}.
   *
   * @throws ThreatModelException naming the link and the file it is in when the chain is broken
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
              + " chain is AGENTS.md -> SECURITY.md -> threat model)");
    }
    confine(agents, AGENTS, 0);
    steps.add(new ChainStep("", 0, AGENTS, "repository root"));
    MarkdownDocument agentsDoc = MarkdownFile.read(agents, AGENTS);
    List<Ref> agentsRefs = refs(agentsDoc, agents);

    Path security = null;
    for (Ref ref : agentsRefs) {
      if (ref.target() == null && fileName(ref.destination()).equalsIgnoreCase(SECURITY)) {
        throw brokenLink(ref, SECURITY);
      }
      if (ref.target() != null && isFile(ref.target(), SECURITY)) {
        security = ref.target();
        step(ref);
        break;
      }
    }
    if (security == null) {
      security = conventional(SECURITY_LOCATIONS, AGENTS).orElseThrow(() -> missing(AGENTS));
    }
    String securityName = display(security);
    MarkdownDocument securityDoc = MarkdownFile.read(security, securityName);

    // AGENTS.md's own pointer to a model wins; SECURITY.md's links come next.
    LinkedHashSet<Path> pages = new LinkedHashSet<>();
    modelLinks(agentsRefs, agentsDoc.file(), false, pages);
    boolean agentsNamedModel = !pages.isEmpty();
    List<Ref> securityRefs = refs(securityDoc, security);
    if (agentsNamedModel) {
      for (Ref ref : securityRefs) {
        if (ref.target() != null
            && Files.isRegularFile(ref.target())
            && !pages.contains(ref.target())
            && nameSaysModel(ref)
            && !sameFolderAsAny(ref.target(), pages)) {
          steps.add(
              new ChainStep(
                  ref.from(),
                  ref.line(),
                  display(ref.target()),
                  "not followed: AGENTS.md names the model at "
                      + display(pages.iterator().next())));
        }
      }
    } else {
      modelLinks(securityRefs, securityName, true, pages);
    }
    if (pages.isEmpty()) {
      expandFolders(pages);
    }
    if (pages.isEmpty()) {
      Optional<Path> fallback = conventional(THREAT_MODEL_LOCATIONS, securityName);
      if (fallback.isEmpty()) {
        throw new ThreatModelException(
            securityName,
            0,
            "broken discovery chain: missing link THREAT_MODEL.md (neither "
                + securityName
                + " nor AGENTS.md links a threat-model page, and none is at a conventional"
                + " location)");
      }
      pages.add(fallback.get());
    }
    followBetweenPages(pages);
    if (!pendingFolders.isEmpty()) {
      expandFolders(pages);
      followBetweenPages(pages);
    }
    return new Chain(agents, security, List.copyOf(pages), steps);
  }

  /**
   * Adds the model pages among {@code refs}: links whose path or label names a model, and, from
   * SECURITY.md, any linked page or folder whose sections are a model's. Folders come after the
   * pages linked one by one, so a core page listed first stays first.
   */
  private void modelLinks(List<Ref> refs, String from, boolean fromPolicy, Set<Path> pages) {
    List<Ref> folders = new ArrayList<>();
    for (Ref ref : refs) {
      if (ref.target() == null) {
        if (nameSaysModel(ref) && !ref.mention()) {
          throw brokenLink(ref, "the threat model");
        }
        continue;
      }
      if (Files.isDirectory(ref.target())) {
        if (fromPolicy || nameSaysModel(ref)) {
          folders.add(ref);
        }
      } else if (!isFile(ref.target(), AGENTS)
          && !isFile(ref.target(), SECURITY)
          && (nameSaysModel(ref) || (fromPolicy && looksLikeModel(ref.target())))) {
        if (pages.add(ref.target())) {
          step(ref);
        }
      }
    }
    pendingFolders.addAll(folders);
  }

  /** Pages of linked folders come after the pages linked one by one and the links among them. */
  private void expandFolders(Set<Path> pages) {
    for (Ref folder : pendingFolders) {
      for (Path page : markdownIn(folder.target())) {
        if (!pages.contains(page) && looksLikeModel(page)) {
          pages.add(page);
          steps.add(
              new ChainStep(
                  folder.from(),
                  folder.line(),
                  display(page),
                  "in folder '" + folder.destination() + "'"));
        }
      }
    }
    pendingFolders.clear();
  }

  /** Model pages link one another ("the core model", "the Connect model"): follow those links. */
  private void followBetweenPages(LinkedHashSet<Path> pages) {
    Deque<Path> queue = new ArrayDeque<>(pages);
    while (!queue.isEmpty() && pages.size() < MAX_PAGES) {
      Path page = queue.poll();
      MarkdownDocument doc = MarkdownFile.read(page, display(page));
      for (Ref ref : refs(doc, page)) {
        Path target = ref.target();
        if (target != null
            && Files.isRegularFile(target)
            && !pages.contains(target)
            && isMarkdown(target)
            && (nameSaysModel(ref) || sameFolderAsAny(target, pages))
            && looksLikeModel(target)) {
          pages.add(target);
          queue.add(target);
          step(ref);
        }
      }
    }
  }

  private void step(Ref ref) {
    confine(ref.target(), ref.from(), ref.line());
    steps.add(
        new ChainStep(
            ref.from(),
            ref.line(),
            display(ref.target()),
            ref.mention() ? "mentions '" + ref.label() + "'" : "link '" + ref.label() + "'"));
  }

  private Optional<Path> conventional(List<String> locations, String from) {
    for (String location : locations) {
      Path target = root.resolve(location);
      if (Files.isRegularFile(target)) {
        confine(target, from, 0);
        steps.add(
            new ChainStep(
                from, 0, display(target), "found at its conventional location, " + UNREFERENCED));
        return Optional.of(target);
      }
    }
    return Optional.empty();
  }

  /** Links and backticked repository paths of a document, in document order. */
  private List<Ref> refs(MarkdownDocument doc, Path file) {
    List<Ref> refs = new ArrayList<>();
    for (MdSection section : doc.sections()) {
      for (MdBlock block : section.blocks()) {
        for (Inline inline : block.inlines()) {
          for (MdLink link : inline.links()) {
            Optional<String> local = localPath(link.destination());
            if (local.isPresent()) {
              Path target = resolve(file, local.get(), doc.file(), link.line());
              String destination =
                  target == null && outside(file, local.get())
                      ? OUTSIDE + link.destination()
                      : local.get();
              refs.add(new Ref(doc.file(), link.line(), link.label(), destination, target, false));
            }
          }
          for (String code : inline.codeSpans()) {
            String token = code.strip();
            if (isPathToken(token)) {
              Path target = resolve(file, token, doc.file(), block.line());
              if (target != null) {
                refs.add(new Ref(doc.file(), block.line(), token, token, target, true));
              }
            }
          }
          Matcher mention = MENTIONED_PAGE.matcher(inline.text());
          while (mention.find()) {
            String token = mention.group(1);
            Path target = resolve(file, token, doc.file(), block.line());
            if (target != null && !inline.codeSpans().contains(token)) {
              refs.add(new Ref(doc.file(), block.line(), token, token, target, true));
            }
          }
        }
      }
    }
    return refs;
  }

  /**
   * Where a link leads: the file itself, the file with {@code .md} added, a folder, or, for links
   * written for a site generator ({@code ../security-model-connect} from {@code
   * docs/security/security-model.md}), the same tried from the page's own URL; {@code null} when
   * nothing exists there.
   */
  private Path resolve(Path from, String local, String fromName, int line) {
    List<Path> bases = new ArrayList<>();
    if (local.startsWith("/")) {
      bases.add(root.resolve(local.substring(1)));
    } else {
      bases.add(from.getParent().resolve(local));
      String name = from.getFileName().toString();
      String stem =
          name.toLowerCase(Locale.ROOT).endsWith(".md")
              ? name.substring(0, name.length() - 3)
              : name;
      bases.add(from.getParent().resolve(stem).resolve(local));
    }
    for (Path base : bases) {
      Path normal = base.normalize();
      if (!normal.startsWith(root)) {
        continue;
      }
      for (Path candidate : List.of(normal, normal.resolveSibling(normal.getFileName() + ".md"))) {
        if (Files.isRegularFile(candidate) || Files.isDirectory(candidate)) {
          if (candidate.equals(root)) {
            continue;
          }
          return confine(candidate, fromName, line);
        }
      }
    }
    return null;
  }

  private boolean outside(Path from, String local) {
    Path base =
        local.startsWith("/") ? root.resolve(local.substring(1)) : from.getParent().resolve(local);
    return !base.normalize().startsWith(root);
  }

  private static boolean isPathToken(String token) {
    return !token.isEmpty()
        && !token.contains(" ")
        && !token.contains("://")
        && !token.startsWith("/")
        && (token.contains("/") || token.toLowerCase(Locale.ROOT).endsWith(".md"))
        && token.matches("[\\w./-]+");
  }

  private static boolean nameSaysModel(Ref ref) {
    return MODEL_NAME.matcher(ref.destination()).find() || MODEL_NAME.matcher(ref.label()).find();
  }

  private boolean looksLikeModel(Path page) {
    if (!isMarkdown(page)) {
      return false;
    }
    MarkdownDocument doc = MarkdownFile.read(page, display(page));
    Set<SectionKind> kinds = EnumSet.noneOf(SectionKind.class);
    for (MdSection section : doc.sections()) {
      SectionKind kind = HeadingSynonyms.classify(section.heading());
      if (MODEL_KINDS.contains(kind)) {
        kinds.add(kind);
      }
    }
    return kinds.size() >= 2 || MODEL_NAME.matcher(page.getFileName().toString()).find();
  }

  private static boolean sameFolderAsAny(Path page, Set<Path> pages) {
    return pages.stream().anyMatch(p -> p.getParent().equals(page.getParent()));
  }

  private List<Path> markdownIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).filter(Discovery::isMarkdown).sorted().toList();
    } catch (IOException e) {
      throw new ThreatModelException(
          display(folder), 0, "cannot list folder: " + e.getMessage(), e);
    }
  }

  private static boolean isMarkdown(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
  }

  private static boolean isFile(Path file, String name) {
    return Files.isRegularFile(file) && file.getFileName().toString().equalsIgnoreCase(name);
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

  /** The repository-relative path of a link, or empty for URLs, mail addresses and anchors. */
  private static Optional<String> localPath(String destination) {
    if (destination == null) {
      return Optional.empty();
    }
    String d = destination.strip();
    int cut = d.length();
    for (char c : new char[] {'#', '?'}) {
      int at = d.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    d = d.substring(0, cut);
    if (d.isEmpty() || d.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
      return Optional.empty();
    }
    try {
      return Optional.of(URLDecoder.decode(d.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.of(d);
    }
  }

  private static ThreatModelException brokenLink(Ref ref, String wanted) {
    if (ref.escapes()) {
      return new ThreatModelException(
          ref.from(),
          ref.line(),
          "link to "
              + wanted
              + " leaves the repository: "
              + ref.destination().substring(OUTSIDE.length()));
    }
    return new ThreatModelException(
        ref.from(),
        ref.line(),
        "broken discovery chain: link '"
            + ref.destination()
            + "' to "
            + wanted
            + " names no file (tried it as written, with .md added, and as a folder)");
  }

  private static String fileName(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    int slash = p.lastIndexOf('/');
    return slash < 0 ? p : p.substring(slash + 1);
  }

  private static ThreatModelException missing(String from) {
    return new ThreatModelException(
        from,
        0,
        "broken discovery chain: missing link SECURITY.md (no link to it, no backticked path to it"
            + " and no file at its conventional locations)");
  }
}
