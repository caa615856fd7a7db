package dev.regard.triage.classify;

import dev.regard.threatmodel.rules.Glob;
import dev.regard.triage.finding.Finding;

/**
 * A path glob of a model, and its part below a Java source root ({@code .../java/}) for findings
 * that only know a class, whose path is relative to a source root: {@code
 * clients/src/main/java/org/example/**} then matches {@code org/example/Foo.java}.
 */
record PathGlob(Glob full, Glob belowSourceRoot) {
  private static final String SOURCE_ROOT = "/java/";

  static PathGlob of(String glob) {
    String unified = glob.replace('\\', '/');
    int at = unified.lastIndexOf(SOURCE_ROOT);
    Glob tail = at < 0 ? null : Glob.path(unified.substring(at + SOURCE_ROOT.length()));
    return new PathGlob(Glob.path(glob), tail);
  }

  String text() {
    return full.text();
  }

  boolean matches(Finding finding) {
    if (finding.path() == null) {
      return false;
    }
    if (full.matches(finding.path())) {
      return true;
    }
    return finding.sourceRootRelative()
        && belowSourceRoot != null
        && belowSourceRoot.matches(finding.path());
  }
}
