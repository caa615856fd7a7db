package dev.regard.threatmodel.sections;

import dev.regard.threatmodel.Section;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.markdown.MarkdownDocument;
import dev.regard.threatmodel.markdown.MdSection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Classifies every section of a document. A heading that matches no synonym inherits the kind of
 * the nearest enclosing classified heading, so "8.1 SASL" under "8 Security controls" is a control.
 */
public final class SectionTree {

  private SectionTree() {}

  /**
   * A Markdown section paired with what it is about.
   *
   * @param body the section's blocks
   * @param section its heading and kind
   * @param inherited true when the kind comes from an enclosing heading, not from this one
   */
  public record Classified(MdSection body, Section section, boolean inherited) {}

  /** The document's sections, classified, in document order. */
  public static List<Classified> classify(MarkdownDocument document) {
    List<Classified> result = new ArrayList<>();
    Deque<Classified> open = new ArrayDeque<>();
    for (MdSection body : document.sections()) {
      while (!open.isEmpty() && open.peek().body().level() >= body.level()) {
        open.pop();
      }
      SectionKind kind = HeadingSynonyms.classify(body.heading());
      boolean inherited = kind == SectionKind.OTHER && !open.isEmpty();
      if (inherited) {
        kind = open.peek().section().kind();
      }
      Section section =
          new Section(
              kind,
              body.heading(),
              body.level(),
              new SourceRef(document.file(), body.heading(), body.line()));
      Classified classified = new Classified(body, section, inherited);
      result.add(classified);
      if (body.level() > 0) {
        open.push(classified);
      }
    }
    return result;
  }
}
