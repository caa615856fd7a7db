package dev.regard.threatmodel;

import java.util.List;

/**
 * A component, module or path the scope section names.
 *
 * @param name the component's name as written
 * @param inScope whether the threat model covers it
 * @param paths repository path globs that belong to it (possibly empty)
 * @param note the rest of the entry (why in or out of scope)
 * @param provenance who stands behind the claim
 * @param source where it is stated
 */
public record Component(
    String name,
    boolean inScope,
    List<String> paths,
    String note,
    Provenance provenance,
    SourceRef source) {

  public Component {
    paths = List.copyOf(paths);
    note = note == null ? "" : note;
  }
}
