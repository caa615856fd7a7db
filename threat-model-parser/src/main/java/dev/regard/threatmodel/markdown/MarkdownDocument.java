package dev.regard.threatmodel.markdown;

import dev.regard.threatmodel.ThreatModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * A Markdown document (CommonMark with GFM tables) cut into sections at every heading.
 *
 * @param file the file name used in messages and source references
 * @param text the whole text, as read
 * @param sections the preamble (if it has content) and one section per heading, in order
 */
public record MarkdownDocument(String file, String text, List<MdSection> sections) {

  /** Deeper nesting than this is not prose; refusing it keeps the walk's stack bounded. */
  static final int MAX_NESTING = 64;

  private static final Parser PARSER =
      Parser.builder()
          .extensions(List.of(TablesExtension.create()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
          .build();

  public MarkdownDocument {
    sections = List.copyOf(sections);
  }

  /**
   * Parses Markdown text.
   *
   * @throws ThreatModelException if the text nests blocks deeper than any document needs
   */
  public static MarkdownDocument parse(String file, String text) {
    Node root = PARSER.parse(withoutFrontMatter(text));
    List<MdSection> sections = new ArrayList<>();
    String heading = "";
    int level = 0;
    int line = 1;
    List<MdBlock> blocks = new ArrayList<>();
    try {
      for (Node node = root.getFirstChild(); node != null; node = node.getNext()) {
        if (node instanceof Heading h) {
          if (level > 0 || !blocks.isEmpty()) {
            sections.add(new MdSection(heading, level, line, blocks));
          }
          line = lineOf(h, line);
          heading = Inline.of(h, line).text();
          level = h.getLevel();
          blocks = new ArrayList<>();
        } else {
          addBlocks(node, blocks, lineOf(node, line), 0);
        }
      }
    } catch (NestingTooDeep e) {
      throw new ThreatModelException(
          file, e.line, "blocks nested deeper than " + MAX_NESTING + " levels");
    }
    if (level > 0 || !blocks.isEmpty()) {
      sections.add(new MdSection(heading, level, line, blocks));
    }
    return new MarkdownDocument(file, text, sections);
  }

  /**
   * Jekyll/Hugo front matter ({@code ---} … {@code ---} or {@code +++} … {@code +++} opening the
   * file) is metadata, not a heading: its lines are blanked so line numbers stay true.
   */
  static String withoutFrontMatter(String text) {
    String fence = text.startsWith("---") ? "---" : text.startsWith("+++") ? "+++" : null;
    int firstEnd = text.indexOf('\n');
    if (fence == null || firstEnd < 0 || !text.substring(0, firstEnd).strip().equals(fence)) {
      return text;
    }
    int at = firstEnd + 1;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      String line = (end < 0 ? text.substring(at) : text.substring(at, end)).strip();
      if (line.equals(fence)) {
        String head = text.substring(0, end < 0 ? text.length() : end);
        return head.replaceAll("[^\n]", "") + (end < 0 ? "" : text.substring(end));
      }
      if (end < 0) {
        break;
      }
      at = end + 1;
    }
    return text;
  }

  /** Every link in the document, in order. */
  public List<MdLink> links() {
    List<MdLink> links = new ArrayList<>();
    for (MdSection section : sections) {
      for (MdBlock block : section.blocks()) {
        block.inlines().forEach(inline -> links.addAll(inline.links()));
      }
    }
    return links;
  }

  private static void addBlocks(Node node, List<MdBlock> blocks, int line, int depth) {
    checkDepth(depth, line);
    if (node instanceof Paragraph) {
      blocks.add(new MdBlock.Paragraph(Inline.of(node, line), line));
    } else if (node instanceof ListBlock list) {
      for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
        int itemLine = lineOf(item, line);
        Node first = item.getFirstChild();
        Inline lead =
            first instanceof Paragraph ? Inline.of(first, itemLine) : Inline.of(item, itemLine);
        blocks.add(new MdBlock.ListItem(lead, Inline.of(item, itemLine), itemLine));
        addFences(item, blocks, itemLine, depth + 1);
      }
    } else if (node instanceof TableBlock table) {
      blocks.add(table(table, line));
    } else if (node instanceof FencedCodeBlock fence) {
      blocks.add(fence(fence, line));
    } else if (node instanceof BlockQuote) {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        addBlocks(child, blocks, lineOf(child, line), depth + 1);
      }
    }
    // Thematic breaks, HTML and indented code carry nothing a threat model is read for.
  }

  /** Fenced blocks nested in list items still count, e.g. a triage block under a bullet. */
  private static void addFences(Node node, List<MdBlock> blocks, int line, int depth) {
    checkDepth(depth, line);
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      int childLine = lineOf(child, line);
      if (child instanceof FencedCodeBlock fence) {
        blocks.add(fence(fence, childLine));
      } else {
        addFences(child, blocks, childLine, depth + 1);
      }
    }
  }

  private static MdBlock.Fence fence(FencedCodeBlock fence, int line) {
    String info = fence.getInfo() == null ? "" : fence.getInfo().strip();
    int space = info.indexOf(' ');
    String word = (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
    return new MdBlock.Fence(word, fence.getLiteral(), line);
  }

  private static MdBlock.Table table(TableBlock table, int line) {
    List<Inline> header = new ArrayList<>();
    List<MdBlock.Row> rows = new ArrayList<>();
    for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
      for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
        if (!(row instanceof TableRow)) {
          continue;
        }
        int rowLine = lineOf(row, line);
        List<Inline> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
          cells.add(Inline.of(cell, rowLine));
        }
        if (part instanceof TableHead) {
          header.addAll(cells);
        } else if (part instanceof TableBody) {
          rows.add(new MdBlock.Row(cells, rowLine));
        }
      }
    }
    return new MdBlock.Table(header, rows, line);
  }

  /** The node's 1-based start line, or {@code fallback} when the parser gave no span. */
  static int lineOf(Node node, int fallback) {
    List<SourceSpan> spans = node.getSourceSpans();
    return spans.isEmpty() ? fallback : spans.get(0).getLineIndex() + 1;
  }

  static void checkDepth(int depth, int line) {
    if (depth > MAX_NESTING) {
      throw new NestingTooDeep(line);
    }
  }

  /** Unwinds a too-deep walk to {@link #parse}, which knows the file name. */
  private static final class NestingTooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    NestingTooDeep(int line) {
      super(null, null, false, false);
      this.line = line;
    }
  }
}
