package dev.regard.threatmodel.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * Plain text, code spans and links collected from a Markdown subtree.
 *
 * @param text the plain text, code spans included verbatim, whitespace collapsed
 * @param codeSpans the literals of the backticked code spans, in order
 * @param links the links, in order
 */
public record Inline(String text, List<String> codeSpans, List<MdLink> links) {

  public Inline {
    codeSpans = List.copyOf(codeSpans);
    links = List.copyOf(links);
  }

  /** Collects the inline content below {@code node}, whose source starts on {@code line}. */
  static Inline of(Node node, int line) {
    StringBuilder text = new StringBuilder();
    List<String> codes = new ArrayList<>();
    List<MdLink> links = new ArrayList<>();
    collect(node, text, codes, links, line, 0);
    return new Inline(text.toString().replaceAll("\\s+", " ").strip(), codes, links);
  }

  private static void collect(
      Node node, StringBuilder text, List<String> codes, List<MdLink> links, int line, int depth) {
    MarkdownDocument.checkDepth(depth, line);
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      int childLine = MarkdownDocument.lineOf(child, line);
      if (child instanceof Text t) {
        text.append(t.getLiteral());
      } else if (child instanceof Code c) {
        codes.add(c.getLiteral());
        text.append('`').append(c.getLiteral()).append('`');
      } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
        text.append(' ');
      } else {
        if (child instanceof Link link) {
          StringBuilder label = new StringBuilder();
          collect(link, label, new ArrayList<>(), new ArrayList<>(), childLine, depth + 1);
          links.add(new MdLink(label.toString().strip(), link.getDestination(), childLine));
        }
        int before = text.length();
        collect(child, text, codes, links, childLine, depth + 1);
        // Separate the text of adjacent blocks (paragraphs of a list item, cells) by a space.
        if (text.length() > before && child.getNext() != null && child instanceof Block) {
          text.append(' ');
        }
      }
    }
  }
}
