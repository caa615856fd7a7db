package dev.regard.triage.classify;

import dev.regard.threatmodel.Component;
import dev.regard.triage.finding.CodeMap;
import dev.regard.triage.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The in-scope components of a model, to tell which paths the model speaks about. A component
 * covers a path when one of its path globs matches; a component that lists no paths covers paths
 * with a directory named like the component (ignoring case).
 */
final class ModelScope {
  private record Covering(Component component, List<PathGlob> globs, String dirName) {}

  private final List<Covering> components;

  ModelScope(List<Component> components, CodeMap code) {
    List<Covering> covering = new ArrayList<>();
    for (Component c : components) {
      if (c.inScope()) {
        List<PathGlob> globs = new ArrayList<>(c.paths().stream().map(PathGlob::of).toList());
        for (String module : c.modules()) {
          code.globs(module).stream().map(PathGlob::of).forEach(globs::add);
        }
        boolean namesCode = !c.paths().isEmpty() || !c.modules().isEmpty();
        covering.add(
            new Covering(
                c,
                List.copyOf(globs),
                namesCode ? null : c.name().trim().toLowerCase(Locale.ROOT).replace(' ', '-')));
      }
    }
    this.components = List.copyOf(covering);
  }

  /** The first in-scope component covering the finding's path, if any. */
  Optional<Component> covering(Finding f) {
    if (f.path() == null) {
      return Optional.empty();
    }
    for (Covering c : components) {
      if (covers(c, f)) {
        return Optional.of(c.component());
      }
    }
    return Optional.empty();
  }

  private static boolean covers(Covering c, Finding f) {
    if (c.globs().isEmpty()) {
      if (c.dirName() == null) {
        return false; // it names code that is not in the checkout
      }
      String lower = "/" + f.path().toLowerCase(Locale.ROOT);
      return lower.contains("/" + c.dirName() + "/");
    }
    for (PathGlob g : c.globs()) {
      if (g.matches(f)) {
        return true;
      }
    }
    return false;
  }
}
