package dev.regard.threatmodel.reader;

import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.rules.ProvenanceTags;
import dev.regard.threatmodel.sections.SectionTree;

/**
 * Provenance of an entry: its own tag, else the tag of its section's introduction, so that "Kafka's
 * own limits (documented):" followed by a list gives each item that provenance.
 */
final class SectionProvenance {

  private SectionProvenance() {}

  static Provenance of(String entryText, SectionTree.Classified section) {
    Provenance own = ProvenanceTags.of(entryText);
    if (own != Provenance.UNSTATED) {
      return own;
    }
    for (MdBlock block : section.body().blocks()) {
      if (block instanceof MdBlock.Paragraph paragraph) {
        Provenance intro = ProvenanceTags.of(paragraph.content().text());
        if (intro != Provenance.UNSTATED) {
          return intro;
        }
      }
    }
    return Provenance.UNSTATED;
  }
}
