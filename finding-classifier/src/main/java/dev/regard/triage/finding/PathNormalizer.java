package dev.regard.triage.finding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the locations tools write into repo-relative paths with {@code /} separators.
 *
 * <p>Handles URIs relative to a base id ({@code %SRCROOT%}) resolved through {@code
 * originalUriBaseIds}, absolute {@code file:} URIs and paths (made relative to the repository root
 * or to an absolute base when they lie under it), Windows separators and drive letters,
 * percent-encoding and dot segments. A path that cannot be made relative stays absolute: rules
 * written as {@code **}{@code /x/**} still match it, rules anchored at the repository root do not.
 */
public final class PathNormalizer {
  private static final Pattern DRIVE = Pattern.compile("^/?[A-Za-z]:/.*");
  private static final int MAX_BASE_DEPTH = 16;

  /** One entry of {@code originalUriBaseIds}: a URI and, optionally, the base it is relative to. */
  public record UriBase(String uri, String uriBaseId) {}

  private final String repoRoot;
  private final SourceRoots sourceRoots;

  /**
   * @param repoRoot the repository the findings are about, or {@code null} when unknown
   */
  public PathNormalizer(Path repoRoot) {
    this.repoRoot =
        repoRoot == null
            ? null
            : withTrailingSlash(clean(repoRoot.toAbsolutePath().normalize().toString()));
    this.sourceRoots = repoRoot == null ? null : new SourceRoots(repoRoot);
  }

  /**
   * The repo-relative path of a source file given relative to a source root ({@code
   * org/example/Foo.java}), when exactly one module of the repository holds it.
   */
  public Optional<String> locateSource(String sourceRootRelative) {
    return sourceRoots == null ? Optional.empty() : sourceRoots.locate(sourceRootRelative);
  }

  /**
   * Resolves one artifact location.
   *
   * @param uri the location's {@code uri}; may be {@code null}
   * @param uriBaseId the location's {@code uriBaseId}; may be {@code null}
   * @param bases the run's {@code originalUriBaseIds}
   * @return the repo-relative (or, failing that, absolute) path, or empty when {@code uri} is
   *     missing or blank
   */
  public Optional<String> resolve(String uri, String uriBaseId, Map<String, UriBase> bases) {
    if (uri == null || uri.isBlank()) {
      return Optional.empty();
    }
    Deque<String> relativeParts = new ArrayDeque<>();
    String current = clean(uri);
    String baseId = uriBaseId;
    for (int depth = 0; !isAbsolute(current); depth++) {
      relativeParts.push(current);
      UriBase base = baseId == null ? null : bases.get(baseId);
      if (base == null || base.uri() == null || depth >= MAX_BASE_DEPTH) {
        // An undeclared base such as %SRCROOT% is the root of the scanned checkout.
        return Optional.of(normaliseSegments(join(relativeParts)));
      }
      current = clean(base.uri());
      baseId = base.uriBaseId();
    }
    String anchor = current;
    String relative = join(relativeParts);
    if (relative.isEmpty()) {
      return Optional.of(relativeToKnownRoots(normaliseSegments(anchor), bases));
    }
    // A base pointing at another machine's checkout: the part below it is the repo-relative path.
    String absolute = normaliseSegments(withTrailingSlash(anchor) + relative);
    String underRepo = relativeTo(absolute, repoRoot);
    return Optional.of(underRepo != null ? underRepo : normaliseSegments(relative));
  }

  /**
   * The source file a Java class name implies, relative to a source root: {@code
   * org.example.Foo$Inner.run} gives {@code org/example/Foo.java}.
   */
  public static Optional<String> javaSourceFromQualifiedName(String qualifiedName) {
    if (qualifiedName == null) {
      return Optional.empty();
    }
    // The first "package.Class" in the name, also inside "new a.b.C(String)" or "a.b.C.run()".
    // A hand-written scan rather than a regular expression: linear in the (untrusted) input.
    for (String token : qualifiedName.split("[^A-Za-z0-9_$.]+")) {
      StringBuilder packagePath = new StringBuilder();
      for (String segment : token.split("\\.")) {
        if (segment.isEmpty()) {
          break;
        }
        char first = segment.charAt(0);
        if (Character.isUpperCase(first)) {
          if (packagePath.length() == 0) {
            break;
          }
          String type =
              segment.contains("$") ? segment.substring(0, segment.indexOf('$')) : segment;
          return Optional.of(packagePath + type + ".java");
        }
        if (!Character.isLowerCase(first) && first != '_') {
          break;
        }
        packagePath.append(segment).append('/');
      }
    }
    return Optional.empty();
  }

  private String relativeToKnownRoots(String absolute, Map<String, UriBase> bases) {
    String underRepo = relativeTo(absolute, repoRoot);
    if (underRepo != null) {
      return underRepo;
    }
    for (UriBase base : bases.values()) {
      if (base.uri() != null && base.uriBaseId() == null && isAbsolute(clean(base.uri()))) {
        String underBase =
            relativeTo(absolute, withTrailingSlash(normaliseSegments(clean(base.uri()))));
        if (underBase != null) {
          return underBase;
        }
      }
    }
    return absolute;
  }

  private static String relativeTo(String absolute, String root) {
    if (root == null) {
      return null;
    }
    boolean windows = DRIVE.matcher(root).matches();
    String a = windows ? absolute.toLowerCase(Locale.ROOT) : absolute;
    String r = windows ? root.toLowerCase(Locale.ROOT) : root;
    if (a.startsWith(r) && absolute.length() > root.length()) {
      return absolute.substring(root.length());
    }
    return null;
  }

  /** Strips the {@code file:} scheme, decodes percent-escapes and unifies separators. */
  static String clean(String raw) {
    String s = raw.trim().replace('\\', '/');
    if (s.regionMatches(true, 0, "file:", 0, 5)) {
      s = s.substring(5);
      if (s.startsWith("//")) {
        // file://host/path or file:///path: drop the (usually empty) authority.
        int slash = s.indexOf('/', 2);
        s = slash < 0 ? "/" : s.substring(slash);
      }
    }
    s = percentDecode(s);
    if (DRIVE.matcher(s).matches() && s.startsWith("/")) {
      s = s.substring(1); // "/C:/work" -> "C:/work"
    }
    return s;
  }

  private static boolean isAbsolute(String path) {
    return path.startsWith("/") || DRIVE.matcher(path).matches();
  }

  private static String join(Deque<String> parts) {
    StringBuilder joined = new StringBuilder();
    for (String part : parts) {
      if (joined.length() > 0 && joined.charAt(joined.length() - 1) != '/') {
        joined.append('/');
      }
      joined.append(part);
    }
    return joined.toString();
  }

  private static String withTrailingSlash(String path) {
    return path.endsWith("/") ? path : path + "/";
  }

  /** Removes {@code .} and {@code ..} segments and empty segments; keeps a leading root. */
  static String normaliseSegments(String path) {
    boolean rooted = path.startsWith("/");
    Deque<String> kept = new ArrayDeque<>();
    for (String segment : List.of(path.split("/"))) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!kept.isEmpty() && !kept.peekLast().equals("..")) {
          kept.removeLast();
        } else if (!rooted) {
          kept.addLast(segment);
        }
        continue;
      }
      kept.addLast(segment);
    }
    return (rooted ? "/" : "") + String.join("/", kept);
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          bytes.write(hi * 16 + lo);
          i += 3;
          continue;
        }
      }
      byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
      bytes.write(encoded, 0, encoded.length);
      i += Character.charCount(c);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
