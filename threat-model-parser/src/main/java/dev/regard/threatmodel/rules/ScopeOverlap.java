package dev.regard.threatmodel.rules;

import dev.regard.threatmodel.Component;
import java.util.List;
import java.util.Optional;

/**
 * Finds out-of-scope globs that would also cover an in-scope component, e.g. {@code
 * broker-runtime/**} from a remark about its development certificates while the scope table keeps
 * {@code broker-runtime/src/main/**} in scope. Such globs are dropped rather than allowed to hide
 * in-scope findings.
 */
public final class ScopeOverlap {

  private ScopeOverlap() {}

  /**
   * The first in-scope component that {@code glob} would reach: the glob matches a source file
   * placed under one of the component's paths.
   */
  public static Optional<Component> coveredBy(String glob, List<Component> components) {
    Glob pattern;
    try {
      pattern = Glob.path(glob);
    } catch (IllegalArgumentException e) {
      // A glob that cannot be read might reach anything: treat it as covering in-scope code.
      return components.stream().filter(Component::inScope).findFirst();
    }
    for (Component component : components) {
      if (!component.inScope()) {
        continue;
      }
      for (String path : component.paths()) {
        String prefix = literalPrefix(path);
        String probe = (prefix.isEmpty() ? "" : prefix + "/") + "probe/Probe.java";
        if (pattern.matches(probe) || pattern.matches(prefix)) {
          return Optional.of(component);
        }
      }
    }
    return Optional.empty();
  }

  /** The directories before the first wildcard: {@code a/b/**} and {@code a/b/c*.java} give a/b. */
  private static String literalPrefix(String glob) {
    int wildcard = indexOfWildcard(glob);
    String literal = wildcard < 0 ? glob : glob.substring(0, wildcard);
    if (wildcard >= 0) {
      int slash = literal.lastIndexOf('/');
      literal = slash < 0 ? "" : literal.substring(0, slash);
    }
    return literal.endsWith("/") ? literal.substring(0, literal.length() - 1) : literal;
  }

  private static int indexOfWildcard(String glob) {
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }
}
