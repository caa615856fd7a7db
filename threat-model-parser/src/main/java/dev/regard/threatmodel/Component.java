package dev.regard.threatmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A component, module or path the scope section names.
 *
 * @param name the component's name as written
 * @param inScope whether the threat model covers it
 * @param paths repository path globs that belong to it (possibly empty)
 * @param modules names of the code it stands for ("Trogdor", {@code tools}), located in the scanned
 *     checkout as module folders, source roots and package paths (possibly empty)
 * @param note the rest of the entry (why in or out of scope)
 * @param provenance who stands behind the claim
 * @param source where it is stated
 */
public record Component(
    String name,
    boolean inScope,
    List<String> paths,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> modules,
    String note,
    Provenance provenance,
    SourceRef source) {

  public Component {
    paths = List.copyOf(paths);
    modules = modules == null ? List.of() : List.copyOf(modules);
    note = note == null ? "" : note;
  }

  /** A component known by its paths alone. */
  public Component(
      String name,
      boolean inScope,
      List<String> paths,
      String note,
      Provenance provenance,
      SourceRef source) {
    this(name, inScope, paths, List.of(), note, provenance, source);
  }
}
