package dev.regard.triage.input;

import dev.regard.triage.finding.Finding;
import java.io.IOException;

/** Receives findings as a reader streams them. */
@FunctionalInterface
public interface FindingSink {
  /** Takes one finding. */
  void accept(Finding finding) throws IOException;
}
