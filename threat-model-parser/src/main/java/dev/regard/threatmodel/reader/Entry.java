package dev.regard.threatmodel.reader;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.markdown.Inline;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.markdown.MdLink;
import dev.regard.threatmodel.sections.HeadingSynonyms;
import dev.regard.threatmodel.sections.SectionTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a section: a list item, a table row or a paragraph, reduced to a title, its content
 * and where it is.
 *
 * @param title the lead words, up to the first dash or colon
 * @param content everything the entry says
 * @param source where it is
 */
record Entry(String title, Inline content, SourceRef source) {

  private static final Pattern SEPARATOR = Pattern.compile("\\s+[—–-]\\s+|:\\s+|\\s+→\\s+|\\.\\s+");
  private static final Pattern ABBREVIATION =
      Pattern.compile("(?i)(?:^|\\W)(?:e\\.g|i\\.e|etc|vs)$");
  private static final int MAX_TITLE = 120;

  /** List items and table rows of a section (paragraphs only when {@code paragraphs}). */
  static List<Entry> of(SectionTree.Classified section, boolean paragraphs) {
    List<Entry> entries = new ArrayList<>();
    String file = section.section().source().file();
    String heading = section.section().heading();
    for (MdBlock block : section.body().blocks()) {
      SourceRef source = new SourceRef(file, heading, block.line());
      if (block instanceof MdBlock.ListItem item) {
        entries.add(new Entry(title(item.lead().text()), item.content(), source));
      } else if (block instanceof MdBlock.Table table) {
        for (MdBlock.Row row : table.rows()) {
          if (row.cells().isEmpty()) {
            continue;
          }
          entries.add(
              new Entry(
                  title(row.cells().get(0).text()),
                  join(row.cells()),
                  new SourceRef(file, heading, row.line())));
        }
      } else if (paragraphs && block instanceof MdBlock.Paragraph paragraph) {
        entries.add(new Entry(title(paragraph.content().text()), paragraph.content(), source));
      }
    }
    return entries;
  }

  /**
   * A section written as prose, as one entry titled by its heading; empty when it has no paragraph.
   */
  static Optional<Entry> whole(SectionTree.Classified section) {
    List<Inline> paragraphs = new ArrayList<>();
    for (MdBlock block : section.body().blocks()) {
      if (block instanceof MdBlock.Paragraph paragraph) {
        paragraphs.add(paragraph.content());
      }
    }
    if (paragraphs.isEmpty()) {
      return Optional.empty();
    }
    Inline joined = join(paragraphs);
    Inline content =
        new Inline(joined.text().replace(" | ", " "), joined.codeSpans(), joined.links());
    return Optional.of(
        new Entry(
            HeadingSynonyms.stripNumbering(section.section().heading()),
            content,
            section.section().source()));
  }

  /** Cells joined as one inline, separated by {@code |}. */
  static Inline join(List<Inline> cells) {
    List<String> texts = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    List<MdLink> links = new ArrayList<>();
    for (Inline cell : cells) {
      texts.add(cell.text());
      codes.addAll(cell.codeSpans());
      links.addAll(cell.links());
    }
    return new Inline(String.join(" | ", texts), codes, links);
  }

  /** The lead words of a text: up to the first dash, arrow or colon, without backticks. */
  static String title(String text) {
    String lead = text;
    Matcher separator = SEPARATOR.matcher(text);
    while (separator.find()) {
      String before = text.substring(0, separator.start());
      // "e.g. x" and "i.e. y" do not end a title.
      if (!separator.group().startsWith(".") || !ABBREVIATION.matcher(before).find()) {
        lead = before;
        break;
      }
    }
    lead = lead.replace("`", "").strip();
    lead = lead.replaceAll("[.;,]+$", "");
    return lead.length() > MAX_TITLE ? lead.substring(0, MAX_TITLE).strip() : lead;
  }
}
