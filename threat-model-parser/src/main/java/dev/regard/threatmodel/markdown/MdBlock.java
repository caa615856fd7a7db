package dev.regard.threatmodel.markdown;

import java.util.ArrayList;
import java.util.List;

/** A block of a section's body, reduced to what the threat-model reader needs. */
public sealed interface MdBlock {

  /** The 1-based line where the block starts. */
  int line();

  /** The inline content of the block, in order (empty for code). */
  List<Inline> inlines();

  /** A paragraph (also one inside a block quote). */
  record Paragraph(Inline content, int line) implements MdBlock {
    @Override
    public List<Inline> inlines() {
      return List.of(content);
    }
  }

  /**
   * One top-level item of a bullet or ordered list; nested lists are part of its content.
   *
   * @param lead the item's first paragraph
   * @param content the whole item, nested lists included
   */
  record ListItem(Inline lead, Inline content, int line) implements MdBlock {
    @Override
    public List<Inline> inlines() {
      return List.of(content);
    }
  }

  /** A GFM table; rows hold as many cells as the header. */
  record Table(List<Inline> header, List<Row> rows, int line) implements MdBlock {
    public Table {
      header = List.copyOf(header);
      rows = List.copyOf(rows);
    }

    @Override
    public List<Inline> inlines() {
      List<Inline> all = new ArrayList<>(header);
      rows.forEach(row -> all.addAll(row.cells()));
      return all;
    }
  }

  /** A table body row. */
  record Row(List<Inline> cells, int line) {
    public Row {
      cells = List.copyOf(cells);
    }
  }

  /**
   * A fenced code block.
   *
   * @param info the info string's first word, lower case
   * @param literal the content
   * @param line the line of the opening fence
   */
  record Fence(String info, String literal, int line) implements MdBlock {
    @Override
    public List<Inline> inlines() {
      return List.of();
    }
  }
}
